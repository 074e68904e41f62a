/** fedgate static-routes module. */
package io.fedgate.routes;
