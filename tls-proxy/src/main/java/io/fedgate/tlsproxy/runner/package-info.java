/** The standalone proxy: its config file and start-up. */
package io.fedgate.tlsproxy.runner;
