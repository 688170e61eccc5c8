# METADATA
# title: Finding constructor
# description: >-
#   The one place where findings are built. A rule passes its own rego.metadata.chain() and what it
#   observed; wording, citation, severity and applicability come from METADATA, never from the rule body.
#   Applicability (tier, role, date) is declared once on the package and optionally narrowed on a rule.
# custom:
#   article: lib
package lib.findings

import rego.v1

# result(chain, obs) -> finding object
#   chain: rego.metadata.chain() of the calling rule
#   obs:   {"problems": [string], "subjects": [node id], "evidence": [sha256], "locations": [{uri, line}]}
#          problems empty -> pass. Missing keys default to empty.
result(chain, obs) := f if {
	rule := chain[0].annotations
	c := _custom(chain, rule)
	applicability := _narrowed(_applicability(_scope_key(c)), obs)
	problems := object.get(obs, "problems", [])
	status := _status(applicability, problems, c)
	f := {
		"rule_id": c.id,
		"catalogue_ids": object.get(c, "catalogue_ids", []),
		"citation": c.citation,
		"title": object.get(rule, "title", concat(".", chain[0].path)),
		"package": concat(".", array.slice(chain[0].path, 1, count(chain[0].path) - 1)),
		"severity": object.get(c, "severity", "deny"),
		"status": status,
		"message": _message(status, applicability, problems, c),
		"subjects": object.get(obs, "subjects", ["system"]),
		"evidence": object.get(obs, "evidence", []),
		"locations": object.get(obs, "locations", []),
		"remediation": object.get(c, "remediation", ""),
		"applies_from": applicability.date,
		"manual": object.get(c, "manual", false),
	}
}

# Merged custom annotations: package first, rule overrides. (Evaluated once per finding: every helper
# below is a single pass with `else`, since Rego does not memoise function calls.)
_custom(chain, rule) := object.union(_pkg_custom(chain), object.get(rule, "custom", {})) if rule.scope == "rule"
else := _pkg_custom(chain)

_pkg_custom(chain) := object.get(chain[1].annotations, "custom", {}) if chain[1].annotations.scope in {"package", "subpackages"}
else := object.get(chain[2].annotations, "custom", {}) if chain[2].annotations.scope in {"package", "subpackages"}
else := object.get(chain[0].annotations, "custom", {}) if chain[0].annotations.scope in {"package", "subpackages"}
else := {}

# --- applicability ---------------------------------------------------------------------------

# Applicability depends only on a rule's tiers, roles and applies_from, which the rules of a package
# share: calling _applicability with just those keeps OPA's per-argument memo hit for every rule but
# the first of each package (about 30% of the pack's evaluation time before).
_scope_key(c) := [object.get(c, "tiers", ["all_ai_systems"]), object.get(c, "roles", null), object.get(c, "applies_from", "")]

_scope := object.get(input, "scope", {"tiers": [], "roles": [], "dates": {}})

_scope_tiers := {t | some t in _scope.tiers}

_scope_roles := {r | some r in _scope.roles}

_as_of := substring(input.as_of, 0, 10)

_tier_ok(tiers) if {
	some t in tiers
	_scope_tiers[t]
}

_role_ok(null)

_role_ok(roles) if {
	some r in roles
	_scope_roles[r]
}

# applies_from is the name of a date in input.scope.dates (e.g. "high_risk"), or an ISO date.
_date(v) := _scope.dates[v] if _scope.dates[v]
else := v if regex.match(`^\d{4}-\d{2}-\d{2}$`, v)
else := null

_applicability([tiers, roles, applies_from]) := {"applies": false, "why": "tier", "date": _date(applies_from)} if not _tier_ok(tiers)
else := {"applies": false, "why": "role", "date": _date(applies_from)} if not _role_ok(roles)
else := _dated(_date(applies_from))

_dated(null) := {"applies": false, "why": "undated", "date": null}

_dated(d) := {"applies": false, "why": "date", "date": d} if {
	d != null
	d > _as_of
}

_dated(d) := {"applies": true, "why": "", "date": d} if {
	d != null
	d <= _as_of
}

# A rule may narrow applicability from what it observed, e.g. Art 12(3) binds only remote biometric
# identification systems: obs.not_applicable is then the reason (a non-empty string). It only turns an
# applicable rule into not_applicable; it never makes a rule apply outside its declared scope.
_narrowed(a, obs) := {"applies": false, "why": "condition", "date": a.date, "reason": r} if {
	a.applies
	r := object.get(obs, "not_applicable", "")
	r != ""
} else := a

# --- status and message ----------------------------------------------------------------------

_status(a, problems, c) := "not_yet_applicable" if {
	not a.applies
	a.why == "date"
} else := "not_applicable" if not a.applies
else := "pass" if count(problems) == 0
else := "manual" if object.get(c, "manual", false) == true
else := "fail"

_message(status, _, problems, _) := concat("; ", sort(problems)) if status in {"fail", "manual"}

_message("pass", _, _, c) := object.get(c, "pass_message", "requirement met by the evidence")

_message("not_applicable", a, _, c) := sprintf("binds %s of %s systems; this system is %s", [
	concat("/", object.get(c, "roles", ["operators"])),
	concat("/", object.get(c, "tiers", ["all_ai_systems"])),
	concat("/", _scope.tiers),
]) if a.why == "tier"

_message("not_applicable", a, _, c) := sprintf("binds %s; the assessed roles are %s", [
	concat("/", c.roles),
	concat("/", _scope.roles),
]) if a.why == "role"

_message("not_applicable", a, _, c) := sprintf("the classification gives no %q application date for this system (for example a legacy system placed on the market before that date and not significantly changed since, Art 111(2))", [
	object.get(c, "applies_from", ""),
]) if a.why == "undated"

_message("not_applicable", a, _, _) := a.reason if a.why == "condition"

_message("not_yet_applicable", a, _, _) := sprintf("applies from %s (evaluation date %s)", [a.date, _as_of])
