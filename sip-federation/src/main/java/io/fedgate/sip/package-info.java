/** fedgate sip-federation module. */
package io.fedgate.sip;
