# METADATA
# title: Art 48 - CE marking
# description: >-
#   The CE marking is affixed visibly, legibly and indelibly to the system or, where that is not possible,
#   to its packaging or documentation; a digitally provided system may carry a digital marking that is easily
#   accessed through its interface or a machine-readable code; where a notified body took part, its
#   identification number follows the marking (Art 48(1)-(4)). Judged on kind ce_marking (location,
#   notified_body_number, visible).
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 48
# custom:
#   article: "48"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: conformity
package aiact.art48

import data.aiact.art43
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_marks := conditions.items("ce_marking")

_locations := {"system", "packaging", "documentation", "digital_interface", "machine_readable_code"}

# METADATA
# title: The CE marking is affixed where the Regulation allows, with the notified body's number where one took part
# custom:
#   id: AIACT-48-1
#   citation: Art. 48(1)-(4), 16(h)
#   catalogue_ids: [art48, art16.h]
#   severity: deny
#   evidence_kinds: [ce_marking]
#   remediation: >-
#     Affix the CE marking visibly on the system (or its packaging or documentation; for digital systems in the
#     interface or via a machine-readable code), followed by the notified body's number where one took part;
#     record where (a photo or screenshot as evidence).
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems,
	"evidence": evidence.hashes(_marks),
})

_problems contains msg if msg := evidence.missing_message("ce_marking", "CE marking record")

_problems contains msg if {
	some m in _marks
	not lower(object.get(m.attributes, "location", "")) in _locations
	msg := sprintf("CE marking %s is placed at %q; allowed: %s", [m.source_uri, object.get(m.attributes, "location", ""), concat(", ", sort(_locations))])
}

_problems contains msg if {
	some m in _marks
	object.get(m.attributes, "visible", true) != true
	msg := sprintf("CE marking %s is not visible and legible", [m.source_uri])
}

_problems contains msg if {
	some a in art43.certified
	nb := sprintf("%v", [object.get(object.get(object.get(a.attributes, "certificate", {}), "notified_body", {}), "number", "")])
	some m in _marks
	sprintf("%v", [object.get(m.attributes, "notified_body_number", "")]) != nb
	msg := sprintf("CE marking %s is not followed by the notified body's number %s (Art 48(4))", [m.source_uri, nb])
}
