# METADATA
# title: Art 19 - Automatically generated logs kept at least six months
# description: >-
#   Providers keep the logs of Art 12(1) under their control for a period appropriate to the intended
#   purpose and at least six months. Judged twice: the configured retention (log_retention_config.
#   retention_days) and what the log streams actually hold (log_stream period_start/period_end/gaps):
#   records must reach back to the start of the retention window (six months before the evaluation date,
#   or the date the system went into service if later) without gaps.
# related_resources:
#   - ref: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
#     description: Regulation (EU) 2024/1689, Article 19
# custom:
#   article: "19"
#   tiers: [high_risk]
#   roles: [provider]
#   applies_from: high_risk
package aiact.art19

import data.lib.conditions
import data.lib.evidence
import data.lib.findings
import rego.v1

# --- shared with Art 26(6) -------------------------------------------------------------------------

configs := conditions.items("log_retention_config")

streams := conditions.items("log_stream")

# Problems with the configured retention against min_days.
config_problems(min_days) := {msg | msg := evidence.missing_message("log_retention_config", "log retention configuration")} | {msg |
	some c in configs
	d := _setting(c, "retention_days")
	not _long_enough(d, min_days)
	msg := sprintf("log retention at %v is %v days; at least %d days (six months) are required", [
		object.get({"s": _setting(c, "store")}, "s", c.source_uri), d, min_days,
	])
}

# A setting of a retention config: under `content` (documents collector) or at the top of attributes.
_setting(c, key) := v if {
	v := c.attributes.content[key]
	v != null
}

_setting(c, key) := v if {
	object.get(object.get(c.attributes, "content", {}), key, null) == null
	v := object.get(c.attributes, key, null)
}

_long_enough(d, min_days) if {
	is_number(d)
	d >= min_days
}

# Problems with what the log streams hold: oldest record vs. the retention window, and gaps in it.
stream_problems(min_days) := {msg | msg := evidence.missing_message("log_stream", "log stream")} | {msg |
	some s in streams
	some msg in _stream_problems(s, min_days)
}

# Start of the window the logs must cover: as_of - min_days, or the in-service date if later.
window_start_ns(min_days) := max({conditions.as_of_ns - (min_days * conditions.day_ns), _in_service_ns})

default _in_service_ns := 0

_in_service_ns := conditions.ns(conditions.fact("in_service_since"))

_stream_problems(s, min_days) := {msg |
	start := object.get(s.attributes, "period_start", "")
	not conditions.valid_ts(start)
	msg := sprintf("log stream %s has no readable period_start; its retention cannot be shown", [s.source_uri])
} | {msg |
	start := conditions.ns(object.get(s.attributes, "period_start", ""))
	start > window_start_ns(min_days) + conditions.day_ns
	held := (conditions.as_of_ns - start) / conditions.day_ns
	msg := sprintf("log stream %s holds records from %s only (%d days before %s); logs must be kept at least %d days", [
		s.source_uri, s.attributes.period_start, floor(held), conditions.as_of_date, min_days,
	])
} | {msg |
	largest := object.get(s.attributes, "largest_gap_seconds", 0)
	is_number(largest)
	largest > evidence.config("log_gap_max_days") * 86400
	msg := sprintf("log stream %s has a gap of %d days without records (at most %d days); records may have been deleted", [s.source_uri, floor(largest / 86400), evidence.config("log_gap_max_days")])
}

_min := evidence.config("log_retention_min_days")

# METADATA
# title: Log retention is configured for at least six months
# custom:
#   id: AIACT-19-1
#   citation: Art. 19(1), 16(e)
#   catalogue_ids: [art19, art16.e]
#   severity: deny
#   evidence_kinds: [log_retention_config]
#   remediation: Set the log store's retention (lifecycle policy) to at least log_retention_min_days (six months) or longer where the intended purpose needs it.
findings contains findings.result(rego.metadata.chain(), {
	"problems": config_problems(_min),
	"evidence": evidence.hashes(configs),
})

# METADATA
# title: The logs actually held reach back six months without gaps
# custom:
#   id: AIACT-19-1-held
#   citation: Art. 19(1)
#   catalogue_ids: [art19]
#   severity: deny
#   evidence_kinds: [log_stream]
#   remediation: >-
#     Restore or stop deleting older log records so that the stream covers the retention window; investigate
#     and document the gaps.
findings contains findings.result(rego.metadata.chain(), {
	"problems": stream_problems(_min),
	"evidence": evidence.hashes(streams),
})
