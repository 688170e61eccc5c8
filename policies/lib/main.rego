# METADATA
# title: Entry point
# description: >-
#   The single query every evaluation goes through. OPA compiles every module once per distinct query
#   (~0.5 s CPU for the whole pack), so classification, requirement evaluation and the load-time compile
#   check share one query, `data.aiconform.main.out`, and `input.phase` selects what is computed.
# custom:
#   article: lib
package aiconform.main

import rego.v1

# METADATA
# description: The phase's output (classification result, or all findings of aiact.* and org.* packages).
out := data.aiact.classification.result if input.phase == "classify"

out := {"findings": findings} if input.phase == "evaluate"

out := {"compiled": true} if input.phase == "compile"

findings := array.concat(
	[f | some f in data.aiact[_].findings],
	[f | some f in data.org[_].findings],
)
