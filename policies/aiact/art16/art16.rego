# METADATA
# title: Art 16 - Obligations of providers of high-risk AI systems
# description: >-
#   The provider's list of duties. Most points are judged where they are defined: (c) Art 17, (d) Art 18,
#   (e) Art 19, (f) Art 43, (g) Art 47, (h) Art 48, (i) Art 49, (j) Art 20, (k) Art 21. This package judges
#   (a) as a roll-up of the Section 2 findings, (b) the provider's identification on the system, its
#   packaging or documentation, and (l) accessibility.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 16
# custom:
#   article: "16"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art16

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

# Section 2 findings (Arts 8-15, 4a). Static references: a package that does not exist yet adds nothing.
_section2 contains f if some f in data.aiact.art8.findings

_section2 contains f if some f in data.aiact.art9.findings

_section2 contains f if some f in data.aiact.art10.findings

_section2 contains f if some f in data.aiact.art11.findings

_section2 contains f if some f in data.aiact.art12.findings

_section2 contains f if some f in data.aiact.art13.findings

_section2 contains f if some f in data.aiact.art14.findings

_section2 contains f if some f in data.aiact.art15.findings

# METADATA
# title: The system meets the Section 2 requirements (roll-up of Arts 8-15)
# description: >-
#   Informational: each failing Section 2 requirement is already a finding of its own; this one names them
#   together under Art 16(a) so the provider's duty shows in the report.
# custom:
#   id: AIACT-16-a
#   citation: Art. 16(a)
#   catalogue_ids: [art16, art16.a, art8]
#   severity: info
#   evidence_kinds: []
#   remediation: Resolve the failing Section 2 findings listed in the message.
findings contains findings.result(rego.metadata.chain(), {"problems": _problems_a})

_problems_a contains msg if {
	failing := {f.rule_id | some f in _section2; f.status == "fail"}
	count(failing) > 0
	msg := sprintf("Section 2 requirements not met: %s", [concat(", ", sort(failing))])
}

_labels := object.union(conditions.items("product_label"), conditions.items("instructions_for_use"))

_identified(item) if {
	p := object.get(item.attributes, "provider", {})
	is_object(p)
	conditions.filled(p, "name")
	_contact(p)
}

_contact(p) if conditions.filled(p, "address")

_contact(p) if conditions.filled(p, "contact")

# METADATA
# title: The provider's name and contact address are on the system, packaging or documentation
# custom:
#   id: AIACT-16-b
#   citation: Art. 16(b)
#   catalogue_ids: [art16.b]
#   severity: deny
#   evidence_kinds: [product_label, instructions_for_use]
#   remediation: >-
#     Show the provider's name (or registered trade name / mark) and a contact address on the system (e.g.
#     an about page) or, where not possible, on its packaging or accompanying documentation.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_b,
	"evidence": evidence.hashes(_labels),
})

_problems_b contains "no product label or instructions for use showing the provider's identity found in the collected evidence" if count(_labels) == 0

_problems_b contains msg if {
	count(_labels) > 0
	not _some_identified
	msg := "neither the product label nor the instructions for use give the provider's name together with an address or contact"
}

_some_identified if {
	some item in _labels
	_identified(item)
}

_reports := conditions.items("accessibility_report")

# METADATA
# title: The system meets the accessibility requirements of Directives 2016/2102 and 2019/882
# custom:
#   id: AIACT-16-l
#   citation: Art. 16(l)
#   catalogue_ids: [art16.l]
#   severity: deny
#   evidence_kinds: [accessibility_report]
#   remediation: >-
#     Have an accessibility conformance report (e.g. against EN 301 549) for the system's user interfaces and
#     fix or plan every non-conformity.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_l,
	"evidence": evidence.hashes(_reports),
})

_problems_l contains msg if msg := evidence.missing_message("accessibility_report", "accessibility conformance report")

_problems_l contains msg if {
	some r in _reports
	not conditions.filled(r.attributes, "standard")
	msg := sprintf("accessibility report %s names no standard it was assessed against", [r.source_uri])
}

_problems_l contains msg if {
	some r in _reports
	some nc in object.get(r.attributes, "non_conformities", [])
	not conditions.filled(nc, "remediation")
	msg := sprintf("accessibility report %s: non-conformity %q has no remediation", [r.source_uri, object.get(nc, "id", object.get(nc, "criterion", "?"))])
}
