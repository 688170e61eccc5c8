# METADATA
# title: Annex IV - Technical documentation, point by point
# description: >-
#   The technical documentation of a high-risk AI system (Art 11(1)) contains at least the Annex IV
#   information applicable to the system. Each point is judged separately: a section of the technical
#   documentation labelled with the point (annex_iv_point) that is present, not empty and not a
#   placeholder; where Annex IV says "where applicable" a reasoned "not applicable" section suffices.
#   Points 1(h), 2(g), 5 and 8 are also cross-checked against the evidence they describe.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 11 and Annex IV
# custom:
#   article: Annex IV
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.annex_iv

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_kind := "technical_documentation.section"

_sections := evidence.of_kind(_kind)

_docs := evidence.of_kind("technical_documentation")

# Every Annex IV point, with "" (no heading fallback: the collector labels points from headings).
_points := {p: "" | some p in [
	"1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)",
	"2(a)", "2(b)", "2(c)", "2(d)", "2(e)", "2(f)", "2(g)", "2(h)",
	"3(a)", "3(b)", "3(c)", "3(d)", "4", "5", "6", "7", "8", "9",
]}

# "Where applicable" points: a reasoned not-applicable section satisfies them.
_conditional := {"1(f)", "2(d)", "2(f)", "3(d)"}

_index := documents.index(_sections, _points)

_min_chars := evidence.config("annex_iv_min_section_chars")

_obs(point) := {
	"problems": _problems(point),
	"subjects": _subjects(point),
	"evidence": evidence.hashes(array.concat(_secs(point), _extra_items(point))),
	"locations": _locations(point),
	"not_applicable": _not_applicable(point),
}

_secs(point) := documents.pick(_sections, _index[point])

_subjects(point) := ["system"] if count(_index[point]) == 0

_subjects(point) := _index[point] if count(_index[point]) > 0

_locations(point) := documents.locations(_secs(point)) if count(_index[point]) > 0

_locations(point) := documents.locations([d | some d in _docs]) if count(_index[point]) == 0

_problems(point) := [msg] if {
	count(_sections) == 0
	msg := _no_documentation
}

_problems(point) := array.concat(
	documents.point_problems("technical documentation", sprintf("Annex IV point %s", [point]), _secs(point), point in _conditional, _min_chars),
	_extra(point),
) if count(_sections) > 0

_no_documentation := evidence.missing_message(_kind, "technical documentation section") if count(_docs) == 0

_no_documentation := sprintf("technical documentation %s was collected but not split into sections labelled with Annex IV points (annex_iv_point)", [concat(", ", sort([d.source_uri | some d in _docs]))]) if count(_docs) > 0

# Point 1(f) binds only where the system is a component of a product (Art 6(1) / Annex I route).
_not_applicable(point) := "Annex IV point 1(f) applies where the AI system is a component of products; this system's high-risk route is Annex III and the documentation has no point 1(f) section" if {
	point == "1(f)"
	object.get(object.get(input, "classification", {}), "high_risk_route", "") == "annex_iii"
	count(_index[point]) == 0
}

_not_applicable(point) := "" if {
	point == "1(f)"
	not _na_1f
}

_not_applicable(point) := "" if point != "1(f)"

_na_1f if {
	object.get(object.get(input, "classification", {}), "high_risk_route", "") == "annex_iii"
	count(_index["1(f)"]) == 0
}

# --- cross-checks against the evidence a point describes -------------------------------------

_extra_kinds := {"1(h)": "instructions_for_use", "2(g)": "test_report", "5": "risk_register", "8": "declaration_of_conformity"}

_extra_labels := {"1(h)": "instructions for use", "2(g)": "signed test report", "5": "risk register", "8": "EU declaration of conformity"}

_extra_items(point) := [i | some i in evidence.of_kind(_extra_kinds[point])]

_extra_items(point) := [] if not _extra_kinds[point]

_extra(point) := [] if not _extra_kinds[point]

_extra(point) := array.concat(
	[m | m := evidence.missing_message(_extra_kinds[point], _extra_labels[point])],
	_extra_content(point),
) if _extra_kinds[point]

_extra_content(point) := [msg |
	point == "2(g)"
	some r in evidence.of_kind("test_report")
	some field in ["signed_by", "executed_at"]
	not documents.nonempty(r.attributes, field)
	msg := sprintf("test report %s has no %s: Annex IV point 2(g) asks for dated and signed test logs and reports", [r.source_uri, field])
]

# METADATA
# title: "Annex IV point 1(a): intended purpose, provider name, system version and its relation to previous versions"
# custom:
#   id: AIACT-ANNEXIV-1-a
#   citation: Annex IV point 1(a)
#   catalogue_ids: [annex_iv.1, annex_iv.1.a]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(a) (annex_iv_point:
#     "1(a)") with intended purpose, provider name, system version and its relation to previous
#     versions; supporting evidence: version history / release notes; intended-purpose statement.
findings contains findings.result(rego.metadata.chain(), _obs("1(a)"))

# METADATA
# title: "Annex IV point 1(b): how the system interacts or can interact with external hardware/software, including other AI systems"
# custom:
#   id: AIACT-ANNEXIV-1-b
#   citation: Annex IV point 1(b)
#   catalogue_ids: [annex_iv.1, annex_iv.1.b]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(b) (annex_iv_point:
#     "1(b)") with how the system interacts or can interact with external hardware/software,
#     including other AI systems; supporting evidence: interface/integration specification, API
#     docs.
findings contains findings.result(rego.metadata.chain(), _obs("1(b)"))

# METADATA
# title: "Annex IV point 1(c): versions of relevant software or firmware and any version-update requirements"
# custom:
#   id: AIACT-ANNEXIV-1-c
#   citation: Annex IV point 1(c)
#   catalogue_ids: [annex_iv.1, annex_iv.1.c]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(c) (annex_iv_point:
#     "1(c)") with versions of relevant software or firmware and any version-update requirements;
#     supporting evidence: SBOM / dependency manifest; update policy.
findings contains findings.result(rego.metadata.chain(), _obs("1(c)"))

# METADATA
# title: "Annex IV point 1(d): all forms in which the system is placed on the market or put into service (embedded software, downloads, APIs, etc.)"
# custom:
#   id: AIACT-ANNEXIV-1-d
#   citation: Annex IV point 1(d)
#   catalogue_ids: [annex_iv.1, annex_iv.1.d]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(d) (annex_iv_point:
#     "1(d)") with all forms in which the system is placed on the market or put into service
#     (embedded software, downloads, APIs, etc.); supporting evidence: distribution-channel list.
findings contains findings.result(rego.metadata.chain(), _obs("1(d)"))

# METADATA
# title: "Annex IV point 1(e): hardware on which the system is intended to run"
# custom:
#   id: AIACT-ANNEXIV-1-e
#   citation: Annex IV point 1(e)
#   catalogue_ids: [annex_iv.1, annex_iv.1.e]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(e) (annex_iv_point:
#     "1(e)") with hardware on which the system is intended to run; supporting evidence: hardware
#     requirements spec.
findings contains findings.result(rego.metadata.chain(), _obs("1(e)"))

# METADATA
# title: "Annex IV point 1(f): where a product component: photos/illustrations of external features, markings and internal layout"
# custom:
#   id: AIACT-ANNEXIV-1-f
#   citation: Annex IV point 1(f)
#   catalogue_ids: [annex_iv.1, annex_iv.1.f]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(f) (annex_iv_point:
#     "1(f)") with where a product component: photos/illustrations of external features, markings
#     and internal layout; supporting evidence: product photographs/drawings. This point applies
#     where the system is a component of products: if it does not, say so in that section with the
#     reason.
findings contains findings.result(rego.metadata.chain(), _obs("1(f)"))

# METADATA
# title: "Annex IV point 1(g): basic description of the user interface provided to the deployer"
# custom:
#   id: AIACT-ANNEXIV-1-g
#   citation: Annex IV point 1(g)
#   catalogue_ids: [annex_iv.1, annex_iv.1.g]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(g) (annex_iv_point:
#     "1(g)") with basic description of the user interface provided to the deployer; supporting
#     evidence: UI description/screenshots.
findings contains findings.result(rego.metadata.chain(), _obs("1(g)"))

# METADATA
# title: "Annex IV point 1(h): instructions for use for the deployer (and basic UI description where applicable)"
# custom:
#   id: AIACT-ANNEXIV-1-h
#   citation: Annex IV point 1(h)
#   catalogue_ids: [annex_iv.1, annex_iv.1.h]
#   severity: deny
#   evidence_kinds: [technical_documentation.section, instructions_for_use]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 1(h) (annex_iv_point:
#     "1(h)") with instructions for use for the deployer (and basic UI description where
#     applicable); supporting evidence: instructions for use (Art 13).
findings contains findings.result(rego.metadata.chain(), _obs("1(h)"))

# METADATA
# title: "Annex IV point 2(a): development methods and steps, including use of pre-trained systems or third-party tools and how they were used, integrated ..."
# custom:
#   id: AIACT-ANNEXIV-2-a
#   citation: Annex IV point 2(a)
#   catalogue_ids: [annex_iv.2, annex_iv.2.a]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(a) (annex_iv_point:
#     "2(a)") with development methods and steps, including use of pre-trained systems or third-
#     party tools and how they were used, integrated or modified; supporting evidence: development
#     process description; third-party component register.
findings contains findings.result(rego.metadata.chain(), _obs("2(a)"))

# METADATA
# title: "Annex IV point 2(b): design specifications: general logic and algorithms; key design choices with rationale and assumptions (incl. about affected ..."
# custom:
#   id: AIACT-ANNEXIV-2-b
#   citation: Annex IV point 2(b)
#   catalogue_ids: [annex_iv.2, annex_iv.2.b]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(b) (annex_iv_point:
#     "2(b)") with design specifications: general logic and algorithms; key design choices with
#     rationale and assumptions (incl. about affected persons/groups); main classification choices;
#     optimisation objectives and parameter relevance; expected output and output quality; trade-
#     offs made to meet Section 2; supporting evidence: design specification / model card; design
#     decision records.
findings contains findings.result(rego.metadata.chain(), _obs("2(b)"))

# METADATA
# title: "Annex IV point 2(c): system architecture showing how software components build on/feed into each other; computational resources used to develop, ..."
# custom:
#   id: AIACT-ANNEXIV-2-c
#   citation: Annex IV point 2(c)
#   catalogue_ids: [annex_iv.2, annex_iv.2.c]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(c) (annex_iv_point:
#     "2(c)") with system architecture showing how software components build on/feed into each
#     other; computational resources used to develop, train, test and validate; supporting evidence:
#     architecture diagrams; compute accounting.
findings contains findings.result(rego.metadata.chain(), _obs("2(c)"))

# METADATA
# title: "Annex IV point 2(d): where relevant, data requirements via datasheets: training methods and techniques, training data sets (general description, ..."
# custom:
#   id: AIACT-ANNEXIV-2-d
#   citation: Annex IV point 2(d)
#   catalogue_ids: [annex_iv.2, annex_iv.2.d]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(d) (annex_iv_point:
#     "2(d)") with where relevant, data requirements via datasheets: training methods and
#     techniques, training data sets (general description, provenance, scope, main characteristics),
#     data acquisition and selection, labelling procedures, data cleaning methods (e.g. outlier
#     detection); supporting evidence: datasheets / data cards. This point applies where relevant:
#     if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("2(d)"))

# METADATA
# title: "Annex IV point 2(e): assessment of human oversight measures needed (Art 14), incl. technical measures easing output interpretation for deployers ..."
# custom:
#   id: AIACT-ANNEXIV-2-e
#   citation: Annex IV point 2(e)
#   catalogue_ids: [annex_iv.2, annex_iv.2.e]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(e) (annex_iv_point:
#     "2(e)") with assessment of human oversight measures needed (Art 14), incl. technical measures
#     easing output interpretation for deployers (Art 13(3)(d)); supporting evidence: human
#     oversight assessment.
findings contains findings.result(rego.metadata.chain(), _obs("2(e)"))

# METADATA
# title: "Annex IV point 2(f): where applicable, detailed description of pre-determined changes to the system and its performance and the technical ..."
# custom:
#   id: AIACT-ANNEXIV-2-f
#   citation: Annex IV point 2(f)
#   catalogue_ids: [annex_iv.2, annex_iv.2.f]
#   severity: warn
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(f) (annex_iv_point:
#     "2(f)") with where applicable, detailed description of pre-determined changes to the system
#     and its performance and the technical solutions ensuring continued compliance; supporting
#     evidence: change-control plan for continuous learning (pre-determined change protocol). This
#     point applies where applicable: if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("2(f)"))

# METADATA
# title: "Annex IV point 2(g): validation and testing procedures: data used and their characteristics; metrics for accuracy, robustness and other Section 2 ..."
# custom:
#   id: AIACT-ANNEXIV-2-g
#   citation: Annex IV point 2(g)
#   catalogue_ids: [annex_iv.2, annex_iv.2.g]
#   severity: deny
#   evidence_kinds: [technical_documentation.section, test_report]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(g) (annex_iv_point:
#     "2(g)") with validation and testing procedures: data used and their characteristics; metrics
#     for accuracy, robustness and other Section 2 requirements and for potentially discriminatory
#     impacts; dated and signed test logs and reports, incl. for pre-determined changes; supporting
#     evidence: test plans, signed and dated test reports, fairness metrics.
findings contains findings.result(rego.metadata.chain(), _obs("2(g)"))

# METADATA
# title: "Annex IV point 2(h): cybersecurity measures put in place"
# custom:
#   id: AIACT-ANNEXIV-2-h
#   citation: Annex IV point 2(h)
#   catalogue_ids: [annex_iv.2, annex_iv.2.h]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 2(h) (annex_iv_point:
#     "2(h)") with cybersecurity measures put in place; supporting evidence: security architecture,
#     threat model, pentest reports.
findings contains findings.result(rego.metadata.chain(), _obs("2(h)"))

# METADATA
# title: "Annex IV point 3(a): capabilities and performance limitations, incl. accuracy for specific persons/groups and overall expected accuracy for the ..."
# custom:
#   id: AIACT-ANNEXIV-3-a
#   citation: Annex IV point 3(a)
#   catalogue_ids: [annex_iv.3, annex_iv.3.a]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 3(a) (annex_iv_point:
#     "3(a)") with capabilities and performance limitations, incl. accuracy for specific
#     persons/groups and overall expected accuracy for the intended purpose; supporting evidence:
#     performance report with subgroup metrics.
findings contains findings.result(rego.metadata.chain(), _obs("3(a)"))

# METADATA
# title: "Annex IV point 3(b): foreseeable unintended outcomes and sources of risk to health, safety, fundamental rights and discrimination given the ..."
# custom:
#   id: AIACT-ANNEXIV-3-b
#   citation: Annex IV point 3(b)
#   catalogue_ids: [annex_iv.3, annex_iv.3.b]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 3(b) (annex_iv_point:
#     "3(b)") with foreseeable unintended outcomes and sources of risk to health, safety,
#     fundamental rights and discrimination given the intended purpose; supporting evidence: risk
#     analysis extract.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)"))

# METADATA
# title: "Annex IV point 3(c): human oversight measures (Art 14), incl. technical measures helping deployers interpret outputs"
# custom:
#   id: AIACT-ANNEXIV-3-c
#   citation: Annex IV point 3(c)
#   catalogue_ids: [annex_iv.3, annex_iv.3.c]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 3(c) (annex_iv_point:
#     "3(c)") with human oversight measures (Art 14), incl. technical measures helping deployers
#     interpret outputs; supporting evidence: oversight measures description.
findings contains findings.result(rego.metadata.chain(), _obs("3(c)"))

# METADATA
# title: "Annex IV point 3(d): input-data specifications, as appropriate"
# custom:
#   id: AIACT-ANNEXIV-3-d
#   citation: Annex IV point 3(d)
#   catalogue_ids: [annex_iv.3, annex_iv.3.d]
#   severity: warn
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 3(d) (annex_iv_point:
#     "3(d)") with input-data specifications, as appropriate; supporting evidence: input data
#     specification. This point applies as appropriate: if it does not, say so in that section with
#     the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(d)"))

# METADATA
# title: "Annex IV point 4: Appropriateness of the performance metrics for the specific system"
# custom:
#   id: AIACT-ANNEXIV-4
#   citation: Annex IV point 4
#   catalogue_ids: [annex_iv.4]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 4 (annex_iv_point: "4")
#     with Appropriateness of the performance metrics for the specific system; supporting evidence:
#     metric-selection rationale document.
findings contains findings.result(rego.metadata.chain(), _obs("4"))

# METADATA
# title: "Annex IV point 5: Detailed description of the risk management system (Art 9)"
# custom:
#   id: AIACT-ANNEXIV-5
#   citation: Annex IV point 5
#   catalogue_ids: [annex_iv.5]
#   severity: deny
#   evidence_kinds: [technical_documentation.section, risk_register]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 5 (annex_iv_point: "5")
#     with Detailed description of the risk management system (Art 9); supporting evidence: risk
#     management plan and risk register.
findings contains findings.result(rego.metadata.chain(), _obs("5"))

# METADATA
# title: "Annex IV point 6: Relevant changes made by the provider over the lifecycle"
# custom:
#   id: AIACT-ANNEXIV-6
#   citation: Annex IV point 6
#   catalogue_ids: [annex_iv.6]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 6 (annex_iv_point: "6")
#     with Relevant changes made by the provider over the lifecycle; supporting evidence: change log
#     / release history with impact assessments.
findings contains findings.result(rego.metadata.chain(), _obs("6"))

# METADATA
# title: "Annex IV point 7: Harmonised standards applied in full or part (with OJ references); otherwise detailed description of solutions adopted to meet ..."
# custom:
#   id: AIACT-ANNEXIV-7
#   citation: Annex IV point 7
#   catalogue_ids: [annex_iv.7]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 7 (annex_iv_point: "7")
#     with Harmonised standards applied in full or part (with OJ references); otherwise detailed
#     description of solutions adopted to meet Section 2, incl. other standards and technical
#     specifications applied; supporting evidence: standards-applied list with clause coverage.
findings contains findings.result(rego.metadata.chain(), _obs("7"))

# METADATA
# title: "Annex IV point 8: Copy of the EU declaration of conformity (Art 47)"
# custom:
#   id: AIACT-ANNEXIV-8
#   citation: Annex IV point 8
#   catalogue_ids: [annex_iv.8]
#   severity: deny
#   evidence_kinds: [technical_documentation.section, declaration_of_conformity]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 8 (annex_iv_point: "8")
#     with Copy of the EU declaration of conformity (Art 47); supporting evidence: signed EU DoC.
findings contains findings.result(rego.metadata.chain(), _obs("8"))

# METADATA
# title: "Annex IV point 9: Detailed description of the post-market performance evaluation system (Art 72), incl. the PMM plan (Art 72(3))"
# custom:
#   id: AIACT-ANNEXIV-9
#   citation: Annex IV point 9
#   catalogue_ids: [annex_iv.9]
#   severity: deny
#   evidence_kinds: [technical_documentation.section]
#   remediation: >-
#     Add a section to the technical documentation labelled Annex IV point 9 (annex_iv_point: "9")
#     with Detailed description of the post-market performance evaluation system (Art 72), incl. the
#     PMM plan (Art 72(3)); supporting evidence: PMM plan.
findings contains findings.result(rego.metadata.chain(), _obs("9"))

