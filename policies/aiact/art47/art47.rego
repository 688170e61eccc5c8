# METADATA
# title: Art 47 - EU declaration of conformity with every Annex V item
# description: >-
#   The provider draws up a signed EU declaration of conformity for each high-risk system, containing the
#   Annex V information, and keeps it up to date (Art 47(1)-(4)). Each Annex V item is judged on the
#   declaration's sections (kind declaration_of_conformity or declaration_of_conformity.section, labelled or
#   headed "Annex V <n>") and on what the item must say: the system's version, the provider's name, the sole
#   responsibility and conformity statements, the data-protection statement where personal data are processed,
#   standards, the notified body where one was involved, and place, date, signatory and signature.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 47 and Annex V
# custom:
#   article: "47"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: conformity
package aiact.art47

import data.aiact.art43
import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

_doc := conditions.doc_items("declaration_of_conformity")

_min := evidence.config("doc_item_min_chars")

_secs(n) := conditions.covering(_doc, sprintf("annex_v.%d", [n]))

_text(n) := lower(concat(" ", [conditions.body(s) | some s in _secs(n)]))

# obs for Annex V item n: structure (present, substantive) plus the item's own content checks.
_item(n, what, content) := {
	"problems": _structure(n, what) | content,
	"evidence": evidence.hashes(_secs(n)),
	"locations": [{"uri": s.source_uri, "line": object.get(s.attributes, "line", null)} | some s in _secs(n)],
}

_structure(_, _) := {conditions.doc_missing("declaration_of_conformity", "EU declaration of conformity")} if count(_doc) == 0

_structure(n, what) := {p | some p in conditions.section_problems("the EU declaration of conformity", sprintf("Annex V point %d, %s", [n, what]), _secs(n), _min)} if count(_doc) > 0

_says(n, label, needles) := set() if count(_secs(n)) == 0

_says(n, label, needles) := set() if {
	count(_secs(n)) > 0
	some needle in needles
	contains(_text(n), lower(needle))
}

_says(n, label, needles) := {sprintf("Annex V point %d does not state %s", [n, label])} if {
	count(_secs(n)) > 0
	not _any(_text(n), needles)
}

_any(text, needles) if {
	some needle in needles
	contains(text, lower(needle))
}

_version := sprintf("%v", [object.get(object.get(input, "system", {}), "version", "")])

_provider := trim_space(split(sprintf("%v", [object.get(object.get(input, "system", {}), "provider", "")]), "(")[0])

# METADATA
# title: "Annex V 1: system name, type and an unambiguous reference to the assessed version"
# custom:
#   id: AIACT-47-V-1
#   citation: Art. 47(1), Annex V point 1
#   catalogue_ids: [art47, annexV.1, art16.g]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: State the AI system's name and type and a reference (e.g. version) that identifies exactly the assessed system.
findings contains findings.result(rego.metadata.chain(), _item(1, "the AI system's name, type and identification", _p_v1))

_p_v1 := _says(1, sprintf("the system version %q", [_version]), [_version]) if _version != ""

_p_v1 := set() if _version == ""

# METADATA
# title: "Annex V 2: name and address of the provider or authorised representative"
# custom:
#   id: AIACT-47-V-2
#   citation: Annex V point 2
#   catalogue_ids: [annexV.2]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: Give the provider's (or authorised representative's) name and postal address.
findings contains findings.result(rego.metadata.chain(), _item(2, "the provider's name and address", _p_v2))

_p_v2 := _says(2, sprintf("the provider %q", [_provider]), [_provider]) if _provider != ""

_p_v2 := set() if _provider == ""

# METADATA
# title: "Annex V 3: issued under the sole responsibility of the provider"
# custom:
#   id: AIACT-47-V-3
#   citation: Annex V point 3
#   catalogue_ids: [annexV.3]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: State that the declaration is issued under the sole responsibility of the provider.
findings contains findings.result(rego.metadata.chain(), _item(3, "the sole-responsibility statement", _says(3, "that it is issued under the provider's sole responsibility", ["sole responsibility"])))

# METADATA
# title: "Annex V 4: conformity with Regulation (EU) 2024/1689 and other relevant Union law"
# custom:
#   id: AIACT-47-V-4
#   citation: Annex V point 4
#   catalogue_ids: [annexV.4]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: State that the system conforms to Regulation (EU) 2024/1689 (and any other Union law that requires a declaration).
findings contains findings.result(rego.metadata.chain(), _item(4, "the conformity statement", _says(4, "conformity with Regulation (EU) 2024/1689", ["2024/1689", "artificial intelligence act", "ai act"])))

# METADATA
# title: "Annex V 5: compliance with the GDPR, Regulation 2018/1725 and Directive 2016/680 where personal data are processed"
# custom:
#   id: AIACT-47-V-5
#   citation: Annex V point 5
#   catalogue_ids: [annexV.5]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: Where the system processes personal data, state its compliance with Regulations (EU) 2016/679 and 2018/1725 and Directive (EU) 2016/680.
findings contains findings.result(rego.metadata.chain(), object.union(_item(5, "the data-protection statement", _p_v5), {"not_applicable": _na5}))

default _na5 := ""

_na5 := "the system is not shown to process personal data (Annex V point 5 applies where it does)" if not conditions.personal_data

_p_v5 := _says(5, "compliance with Regulation (EU) 2016/679", ["2016/679", "gdpr"]) | _says(5, "compliance with Regulation (EU) 2018/1725", ["2018/1725"]) | _says(5, "compliance with Directive (EU) 2016/680", ["2016/680"])

# METADATA
# title: "Annex V 6: references to harmonised standards or common specifications used"
# custom:
#   id: AIACT-47-V-6
#   citation: Annex V point 6
#   catalogue_ids: [annexV.6]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: List the harmonised standards or common specifications applied (or state that none were, with the means used instead).
findings contains findings.result(rego.metadata.chain(), _item(6, "the standards or common specifications used", set()))

# METADATA
# title: "Annex V 7: notified body name and number, procedure and certificate, where applicable"
# custom:
#   id: AIACT-47-V-7
#   citation: Annex V point 7
#   catalogue_ids: [annexV.7]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity, conformity_assessment]
#   remediation: Name the notified body and its four-digit number, describe the procedure performed and identify the certificate.
findings contains findings.result(rego.metadata.chain(), object.union(_item(7, "the notified body, procedure and certificate", _p_v7), {"not_applicable": _na7}))

default _na7 := "no notified body was involved (Annex V point 7 applies where one was)"

_na7 := "" if count(art43.certified) > 0

_p_v7 := {msg |
	some a in art43.certified
	nb := sprintf("%v", [object.get(object.get(object.get(a.attributes, "certificate", {}), "notified_body", {}), "number", "")])
	some msg in _says(7, sprintf("the notified body number %s", [nb]), [nb])
}

# METADATA
# title: "Annex V 8: place and date of issue, signatory's name and function, signature"
# custom:
#   id: AIACT-47-V-8
#   citation: Art. 47(1), Annex V point 8
#   catalogue_ids: [annexV.8]
#   severity: deny
#   evidence_kinds: [declaration_of_conformity]
#   remediation: Give place and date of issue, the signatory's name and function, on whose behalf they sign, and sign the declaration.
findings contains findings.result(rego.metadata.chain(), _item(8, "place, date, signatory and signature", _p_v8))

_p_v8 contains "Annex V point 8 gives no date of issue" if {
	count(_secs(8)) > 0
	not regex.match(`\d{4}`, _text(8))
}

_p_v8 contains "the declaration is not signed (Annex V point 8 says it is still to be signed)" if {
	count(_secs(8)) > 0
	regex.match(`to be signed|unsigned|not yet signed|\[signature\]`, _text(8))
}

_p_v8 contains "the declaration is a draft; Art 47(1) requires a signed declaration" if {
	count(_secs(8)) > 0
	some d in object.union(conditions.docs("declaration_of_conformity"), _doc)
	regex.match(`(?i)\bdraft\b`, sprintf("%v %v", [object.get(d.attributes, "title", ""), object.get(d.attributes, "status", "")]))
}
