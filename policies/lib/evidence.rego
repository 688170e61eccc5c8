# METADATA
# title: Evidence helpers
# description: >-
#   Functions over input.evidence that policies share: items of a kind, freshness (an item past its
#   valid_until counts as absent), configuration with defaults from data.aiconform.config.
# custom:
#   article: lib
package lib.evidence

import rego.v1

# All items of a kind, fresh or not, as {id: item}. One pass over input.evidence builds the index for
# every kind (a rule, so it is evaluated once per query); a scan per kind cost about 1.5 ms per kind
# on a 200 KB input.
all_of_kind(kind) := object.get(_index, kind, {})

_by_kind[item.kind][id] := item if some id, item in input.evidence

_index := _by_kind

# Items of a kind that are fresh on input.as_of.
of_kind(kind) := {id: item |
	some id, item in all_of_kind(kind)
	fresh(item)
}

# Items of a kind that exist but are past their valid_until.
stale_of_kind(kind) := {id: item |
	some id, item in all_of_kind(kind)
	not fresh(item)
}

fresh(item) if not _expired(item)

_expired(item) if {
	item.valid_until != null
	time.parse_rfc3339_ns(item.valid_until) < _as_of_ns
}

_as_of_ns := time.parse_rfc3339_ns(input.as_of)

# "no X found" or "X is stale (valid until ...)" - the problem text for a missing kind.
missing_message(kind, label) := msg if {
	count(all_of_kind(kind)) == 0
	msg := sprintf("no %s found in the collected evidence", [label])
}

missing_message(kind, label) := msg if {
	count(all_of_kind(kind)) > 0
	count(of_kind(kind)) == 0
	stale := [sprintf("%s (valid until %s)", [item.source_uri, item.valid_until]) | some item in stale_of_kind(kind)]
	msg := sprintf("%s is stale and counts as absent: %s", [label, concat(", ", sort(stale))])
}

hashes(items) := sort([item.sha256 | some item in items])

# Organisation thresholds: input.config overrides data.aiconform.config.
config(key) := input.config[key]

config(key) := data.aiconform.config[key] if not input.config[key]

# --- manual attestations ---------------------------------------------------------------------
# A person confirms what no collector can see with evidence of kind `attestation`
# (attributes: who, when, catalogue_ids, statement). Fresh attestations covering a catalogue id:
attestations(catalogue_id) := [item |
	some item in of_kind("attestation")
	catalogue_id in object.get(item.attributes, "catalogue_ids", [])
]

# Problems for a `manual: true` rule: empty when a fresh attestation covers the catalogue id, otherwise
# what a person must confirm and where it is recorded (and which attestations went stale).
attestation_problems(catalogue_id, confirm) := [] if count(attestations(catalogue_id)) > 0

attestation_problems(catalogue_id, confirm) := [msg] if {
	count(attestations(catalogue_id)) == 0
	stale := [sprintf("%s (valid until %s)", [item.source_uri, item.valid_until]) |
		some item in stale_of_kind("attestation")
		catalogue_id in object.get(item.attributes, "catalogue_ids", [])
	]
	note := _stale_note(stale)
	msg := sprintf("a person must confirm: %s; record it as evidence of kind attestation (who, when, statement) covering %s%s", [confirm, catalogue_id, note])
}

_stale_note(stale) := "" if count(stale) == 0

_stale_note(stale) := sprintf(" (stale attestation counts as absent: %s)", [concat(", ", sort(stale))]) if count(stale) > 0
