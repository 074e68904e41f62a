/** Key pairs, self-signed identities and sealed private keys (Bouncy Castle). */
package io.fedgate.certstore.pki;
