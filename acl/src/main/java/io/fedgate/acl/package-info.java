/** fedgate acl module. */
package io.fedgate.acl;
