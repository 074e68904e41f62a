/**
 * Destination patterns of IM&amp;P static routes, independent of the route records.
 *
 * <p>Entry points: {@link io.fedgate.routes.pattern.DestinationPattern} (compile and match), {@link
 * io.fedgate.routes.pattern.ReversedPattern} (domain to reversed pattern and back) and {@link
 * io.fedgate.routes.pattern.Specificity} (the order in which matching patterns are tried).
 */
package io.fedgate.routes.pattern;
