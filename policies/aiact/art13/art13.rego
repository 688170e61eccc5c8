# METADATA
# title: Art 13 - Transparency and provision of information to deployers
# description: >-
#   High-risk AI systems come with instructions for use that are concise, complete, correct and clear,
#   and contain at least the Art 13(3) information. Each item is judged separately on the sections of
#   the instructions for use (labelled art13_point, or recognised by heading); items the Act qualifies
#   with "where applicable" / "when appropriate" accept a reasoned not-applicable section.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 13
# custom:
#   article: "13"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art13

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_kind := "instructions_for_use.section"

_sections := evidence.of_kind(_kind)

_ifus := evidence.of_kind("instructions_for_use")

_patterns := evidence.config("art13_ifu_heading_patterns")

_index := documents.index(_sections, _patterns)

_min_chars := evidence.config("ifu_min_section_chars")

_conditional := {"3(b)(iv)", "3(b)(v)", "3(b)(vi)", "3(b)(vii)", "3(c)", "3(f)"}

_obs(point) := {
	"problems": _problems(point),
	"subjects": _subjects(point),
	"evidence": evidence.hashes(array.concat(_secs(point), _extra_items(point))),
	"locations": _locations(point),
}

_secs(point) := documents.pick(_sections, object.get(_index, point, []))

_subjects(point) := ["system"] if count(_secs(point)) == 0

_subjects(point) := _index[point] if count(_secs(point)) > 0

_locations(point) := documents.locations(_secs(point)) if count(_secs(point)) > 0

_locations(point) := documents.locations([d | some d in _ifus]) if count(_secs(point)) == 0

_problems(point) := [msg] if {
	count(_sections) == 0
	msg := _no_ifu
}

_problems(point) := array.concat(
	documents.point_problems("instructions for use", sprintf("Art 13(3)%s", [substring(point, 1, -1)]), _secs(point), point in _conditional, _min_chars),
	_extra(point),
) if count(_sections) > 0

_no_ifu := evidence.missing_message(_kind, "instructions for use section") if count(_ifus) == 0

_no_ifu := sprintf("instructions for use %s were collected but not split into sections", [concat(", ", sort([d.source_uri | some d in _ifus]))]) if count(_ifus) > 0

# --- content cross-checks --------------------------------------------------------------------

_extra_items(point) := [d | some d in _ifus] if point == "3(b)(ii)"

_extra_items(point) := [] if point != "3(b)(ii)"

_extra(point) := [msg |
	some msg in _extra_problems
	startswith(msg, concat("", ["[", point, "] "]))
]

_provider := object.get(object.get(input, "system", {}), "provider", "")

_contact_re := `(?i)([\w.+-]+@[\w-]+\.[\w.-]+|https?://|www\.|\+?[0-9][0-9 ()/-]{7,}[0-9])`

_text(sec) := concat(" ", [object.get(sec.attributes, "heading", ""), object.get(sec.attributes, "excerpt", "")])

_extra_problems contains msg if {
	_provider != ""
	secs := _secs("3(a)")
	count(secs) > 0
	not _any_mentions(secs, lower(_provider))
	msg := sprintf("[3(a)] the provider section (%s) does not name the provider %q", [documents.where(secs[0]), _provider])
}

_any_mentions(secs, needle) if {
	some sec in secs
	contains(lower(_text(sec)), needle)
}

_extra_problems contains msg if {
	secs := _secs("3(a)")
	count(secs) > 0
	not _any_contact(secs)
	msg := sprintf("[3(a)] the provider section (%s) gives no contact details (e-mail, web address or telephone)", [documents.where(secs[0])])
}

_any_contact(secs) if {
	some sec in secs
	regex.match(_contact_re, _text(sec))
}

_extra_problems contains msg if {
	some d in _ifus
	count(documents.named_numbers(documents.fact_or(d, "declared_metrics", {}))) == 0
	msg := sprintf("[3(b)(ii)] instructions for use %s declare no accuracy metrics with values (declared_metrics)", [d.source_uri])
}

# --- Art 13(1)-(2): the instructions exist, are identified, and match the deployed system ---------

_versions := evidence.of_kind("model_version")

_deployed := documents.deployed_versions(_versions, {lower(a) | some a in evidence.config("deployed_model_aliases")})

_ifu_date(d) := [v |
	some key in ["updated_at", "date", "version_date"]
	v := documents.fact_or(d, key, null)
	documents.valid_date(v)
][0]

# Languages: a `languages` list, or the documents collector's `language` (string or list).
_languages(d) := {lower(l) | some l in array.concat(documents.as_list(documents.fact_or(d, "languages", [])), documents.as_list(documents.fact_or(d, "language", [])))}

# METADATA
# title: Instructions for use accompany the system, identified by version, date and language, and current
# custom:
#   id: AIACT-13-1-2
#   citation: Art. 13(1)-(2)
#   catalogue_ids: [art13.1_2]
#   severity: deny
#   evidence_kinds: [instructions_for_use, model_version]
#   remediation: >-
#     Publish the instructions for use with a version, a date (updated_at) and the language(s) they are
#     given in (languages), and revise them whenever a new model version is released.
findings contains findings.result(rego.metadata.chain(), {
	"problems": _problems_13_1,
	"subjects": sort(object.keys(_ifus)),
	"evidence": evidence.hashes(object.union(_ifus, _deployed)),
	"locations": documents.locations([d | some d in _ifus]),
})

_problems_13_1 contains msg if msg := evidence.missing_message("instructions_for_use", "instructions for use")

_problems_13_1 contains msg if {
	some d in _ifus
	not documents.has_fact(d, "version")
	msg := sprintf("instructions for use %s carry no version", [d.source_uri])
}

_problems_13_1 contains msg if {
	some d in _ifus
	not _ifu_date(d)
	msg := sprintf("instructions for use %s carry no date (updated_at)", [d.source_uri])
}

_problems_13_1 contains msg if {
	some d in _ifus
	count(_languages(d)) == 0
	msg := sprintf("instructions for use %s do not state their language(s)", [d.source_uri])
}

_problems_13_1 contains msg if {
	some d in _ifus
	langs := _languages(d)
	missing := {lower(l) | some l in evidence.config("ifu_required_languages")} - langs
	count(missing) > 0
	msg := sprintf("instructions for use %s are not available in required language(s): %s", [d.source_uri, concat(", ", sort(missing))])
}

_problems_13_1 contains msg if {
	some d in _ifus
	dated := _ifu_date(d)
	some v in _deployed
	created := documents.version_created_ns(v)
	created > documents.date_ns(dated)
	msg := sprintf("instructions for use %s (dated %s) predate deployed model version %s (registered %s)", [
		d.source_uri, substring(dated, 0, 10), documents.version_label(v), time.format([created, "UTC", "2006-01-02"]),
	])
}

# --- Art 13(3): one rule per item --------------------------------------------------------------

# METADATA
# title: "Instructions for use state identity and contact details of the provider and any authorised representative"
# custom:
#   id: AIACT-13-3-a
#   citation: Art. 13(3)(a)
#   catalogue_ids: [art13.3, art13.3.a]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(a) (art13_point: "3(a)") stating
#     identity and contact details of the provider and any authorised representative.
findings contains findings.result(rego.metadata.chain(), _obs("3(a)"))

# METADATA
# title: "Instructions for use state intended purpose"
# custom:
#   id: AIACT-13-3-b-i
#   citation: Art. 13(3)(b)(i)
#   catalogue_ids: [art13.3, art13.3.b.i]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(i) (art13_point: "3(b)(i)")
#     stating intended purpose.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(i)"))

# METADATA
# title: "Instructions for use state tested/validated and expected level of accuracy (with metrics), robustness and cybersecurity (Art 15), and ..."
# custom:
#   id: AIACT-13-3-b-ii
#   citation: Art. 13(3)(b)(ii)
#   catalogue_ids: [art13.3, art13.3.b.ii]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section, instructions_for_use]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(ii) (art13_point: "3(b)(ii)")
#     stating tested/validated and expected level of accuracy (with metrics), robustness and
#     cybersecurity (Art 15), and known/foreseeable circumstances affecting them.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(ii)"))

# METADATA
# title: "Instructions for use state known or foreseeable circumstances of intended use or foreseeable misuse that may create risks to health, safety or ..."
# custom:
#   id: AIACT-13-3-b-iii
#   citation: Art. 13(3)(b)(iii)
#   catalogue_ids: [art13.3, art13.3.b.iii]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(iii) (art13_point: "3(b)(iii)")
#     stating known or foreseeable circumstances of intended use or foreseeable misuse that may
#     create risks to health, safety or fundamental rights.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(iii)"))

# METADATA
# title: "Instructions for use state where applicable, technical capabilities to provide information explaining outputs"
# custom:
#   id: AIACT-13-3-b-iv
#   citation: Art. 13(3)(b)(iv)
#   catalogue_ids: [art13.3, art13.3.b.iv]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(iv) (art13_point: "3(b)(iv)")
#     stating where applicable, technical capabilities to provide information explaining outputs.
#     This item applies where applicable: if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(iv)"))

# METADATA
# title: "Instructions for use state where appropriate, performance for specific persons or groups the system is meant for"
# custom:
#   id: AIACT-13-3-b-v
#   citation: Art. 13(3)(b)(v)
#   catalogue_ids: [art13.3, art13.3.b.v]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(v) (art13_point: "3(b)(v)")
#     stating where appropriate, performance for specific persons or groups the system is meant for.
#     This item applies when appropriate: if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(v)"))

# METADATA
# title: "Instructions for use state where appropriate, input-data specifications and relevant information about training, validation and test data"
# custom:
#   id: AIACT-13-3-b-vi
#   citation: Art. 13(3)(b)(vi)
#   catalogue_ids: [art13.3, art13.3.b.vi]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(vi) (art13_point: "3(b)(vi)")
#     stating where appropriate, input-data specifications and relevant information about training,
#     validation and test data. This item applies when appropriate: if it does not, say so in that
#     section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(vi)"))

# METADATA
# title: "Instructions for use state where applicable, information enabling deployers to interpret and appropriately use outputs"
# custom:
#   id: AIACT-13-3-b-vii
#   citation: Art. 13(3)(b)(vii)
#   catalogue_ids: [art13.3, art13.3.b.vii]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(b)(vii) (art13_point: "3(b)(vii)")
#     stating where applicable, information enabling deployers to interpret and appropriately use
#     outputs. This item applies where applicable: if it does not, say so in that section with the
#     reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(b)(vii)"))

# METADATA
# title: "Instructions for use state changes to the system and its performance pre-determined at the initial conformity assessment"
# custom:
#   id: AIACT-13-3-c
#   citation: Art. 13(3)(c)
#   catalogue_ids: [art13.3, art13.3.c]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(c) (art13_point: "3(c)") stating
#     changes to the system and its performance pre-determined at the initial conformity assessment.
#     This item applies if any: if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(c)"))

# METADATA
# title: "Instructions for use state human oversight measures (Art 14), including technical aids to interpret outputs"
# custom:
#   id: AIACT-13-3-d
#   citation: Art. 13(3)(d)
#   catalogue_ids: [art13.3, art13.3.d]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(d) (art13_point: "3(d)") stating
#     human oversight measures (Art 14), including technical aids to interpret outputs.
findings contains findings.result(rego.metadata.chain(), _obs("3(d)"))

# METADATA
# title: "Instructions for use state computational/hardware resources needed, expected lifetime, maintenance and care measures (incl. frequency and software ..."
# custom:
#   id: AIACT-13-3-e
#   citation: Art. 13(3)(e)
#   catalogue_ids: [art13.3, art13.3.e]
#   severity: deny
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(e) (art13_point: "3(e)") stating
#     computational/hardware resources needed, expected lifetime, maintenance and care measures
#     (incl. frequency and software updates).
findings contains findings.result(rego.metadata.chain(), _obs("3(e)"))

# METADATA
# title: "Instructions for use state where relevant, mechanisms allowing deployers to collect, store and interpret logs (Art 12)"
# custom:
#   id: AIACT-13-3-f
#   citation: Art. 13(3)(f)
#   catalogue_ids: [art13.3, art13.3.f]
#   severity: warn
#   evidence_kinds: [instructions_for_use.section]
#   remediation: >-
#     Add a section to the instructions for use labelled Art 133(f) (art13_point: "3(f)") stating
#     where relevant, mechanisms allowing deployers to collect, store and interpret logs (Art 12).
#     This item applies where relevant: if it does not, say so in that section with the reason.
findings contains findings.result(rego.metadata.chain(), _obs("3(f)"))

