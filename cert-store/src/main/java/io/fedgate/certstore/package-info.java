/** fedgate cert-store module. */
package io.fedgate.certstore;
