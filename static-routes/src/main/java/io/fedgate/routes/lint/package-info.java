/**
 * Operator hints about destination patterns and route tables: {@link
 * io.fedgate.routes.lint.PatternLint} returns {@link io.fedgate.routes.lint.LintFinding} values
 * with stable codes (unreversed domain, missing leading dot, missing trailing wildcard, no label
 * boundary, inner wildcard in a user pattern, duplicate route). Findings are advice, not
 * validation: a route with a lint warning is still valid and is not changed.
 */
package io.fedgate.routes.lint;
