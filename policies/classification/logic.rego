# Three-valued terms over questionnaire answers: every legal condition evaluates to "yes", "no" or
# "unknown" and carries the question ids it read, the question ids that were unknown, and the
# reasons it failed. Rules in this package combine terms with _all / _any / _not, so the result can
# say which answers triggered a provision, why a route was not reached, and which questions to settle.
#
# A term: {"v": "yes"|"no"|"unknown", "qs": {question ids}, "unknown": {question ids}, "why": {reasons}}
#   qs      — the answers that decided the value (for "yes": all leaves; for "no": the failing leaves)
#   unknown — leaves answered "unknown" that leave the value undecided
#   why     — for "no": the reasons, one per failing leaf
package aiact.classification

import rego.v1

_answers := object.get(input, "answers", {})

# The answer to q, or null when q was not answered (not asked).
_val(q) := object.get(_answers, q, null)

_answered(q) if {
	x := _val(q)
	x != null
	x != "unknown"
}

# --- leaf states --------------------------------------------------------------------------------
# An answer "unknown" gives "unknown". A question without an answer was not asked (its show-when
# condition was false; the validator rejects missing answers to questions that apply), so a
# condition on it is false: "no" - the same semantics as the questionnaire's show-when conditions.

_absent(q) if _val(q) == null

_unknown(q) if _val(q) == "unknown"

_state_is(q, want) := "yes" if _val(q) == want

_state_is(q, want) := "no" if {
	_answered(q)
	_val(q) != want
}

_state_is(q, _) := "no" if _absent(q)

_state_is(q, _) := "unknown" if _unknown(q)

_state_in(q, opts) := "yes" if {
	_answered(q)
	_val(q) in opts
}

_state_in(q, opts) := "no" if {
	_answered(q)
	not _val(q) in opts
}

_state_in(q, _) := "no" if _absent(q)

_state_in(q, _) := "unknown" if _unknown(q)

_state_has_any(q, opts) := "yes" if {
	is_array(_val(q))
	some o in opts
	o in _val(q)
}

_state_has_any(q, opts) := "no" if {
	is_array(_val(q))
	count({o | some o in opts; o in _val(q)}) == 0
}

_state_has_any(q, _) := "no" if _absent(q)

_state_has_any(q, _) := "unknown" if _unknown(q)

_state_gt(q, n) := "yes" if {
	is_number(_val(q))
	_val(q) > n
}

_state_gt(q, n) := "no" if {
	is_number(_val(q))
	_val(q) <= n
}

_state_gt(q, _) := "no" if _absent(q)

_state_gt(q, _) := "unknown" if _unknown(q)

# --- term constructors --------------------------------------------------------------------------

_leaf(q, v, why) := {"v": v, "qs": {q}, "unknown": _unknown_of(q, v), "why": _why_of(v, why)} if not _absent(q)

# A question that was not asked carries no reason of its own: the answer that hid it explains the result.
_leaf(q, v, _) := {"v": v, "qs": set(), "unknown": set(), "why": set()} if _absent(q)

_unknown_of(q, "unknown") := {q}

_unknown_of(_, v) := set() if v != "unknown"

_why_of("no", why) := {why}

_why_of(v, _) := set() if v != "no"

# _is(q, want, why): the answer to q equals want (true/false or a choice value).
_is(q, want, why) := _leaf(q, _state_is(q, want), why)

# _in(q, opts, why): the (single) answer to q is one of opts.
_in(q, opts, why) := _leaf(q, _state_in(q, opts), why)

# _has(q, opt, why) / _has_any(q, opts, why): the multi-choice answer to q includes opt / one of opts.
_has(q, opt, why) := _leaf(q, _state_has_any(q, [opt]), why)

_has_any(q, opts, why) := _leaf(q, _state_has_any(q, opts), why)

# _gt(q, n, why): the number answered to q is greater than n.
_gt(q, n, why) := _leaf(q, _state_gt(q, n), why)

# _fact(b, why): a condition that does not depend on an answer (dates, law basis, derived roles).
_fact(true, _) := {"v": "yes", "qs": set(), "unknown": set(), "why": set()}

_fact(false, why) := {"v": "no", "qs": set(), "unknown": set(), "why": {why}}

# _not(t, why): negation; why is the reason when the negation fails (t was "yes").
_not(t, why) := {"v": _inv(t.v), "qs": t.qs, "unknown": t.unknown, "why": _why_of(_inv(t.v), why)}

_inv("yes") := "no"

_inv("no") := "yes"

_inv("unknown") := "unknown"

# _all(ts): conjunction. "no" if any term is "no"; "unknown" if none is "no" and one is "unknown".
_all(ts) := {
	"v": v,
	"qs": union({t.qs | some t in ts; t.v == v}),
	"unknown": _unknowns(v, ts),
	"why": union({t.why | some t in ts; t.v == "no"}),
} if {
	v := _and([t.v | some t in ts])
}

# _any(ts): disjunction. "yes" if any term is "yes"; "unknown" if none is "yes" and one is "unknown".
_any(ts) := {
	"v": v,
	"qs": union({t.qs | some t in ts; t.v == v}),
	"unknown": _unknowns(v, ts),
	"why": _any_why(v, ts),
} if {
	v := _or([t.v | some t in ts])
}

_any_why("no", ts) := union({t.why | some t in ts})

_any_why(v, _) := set() if v != "no"

_unknowns("unknown", ts) := union({t.unknown | some t in ts; t.v == "unknown"})

_unknowns(v, _) := set() if v != "unknown"

_and(vs) := "no" if "no" in vs

_and(vs) := "unknown" if {
	not "no" in vs
	"unknown" in vs
}

_and(vs) := "yes" if {
	not "no" in vs
	not "unknown" in vs
}

_or(vs) := "yes" if "yes" in vs

_or(vs) := "unknown" if {
	not "yes" in vs
	"unknown" in vs
}

_or(vs) := "no" if {
	not "yes" in vs
	not "unknown" in vs
}

_yes(t) if t.v == "yes"

# The multi-choice answer to q as a list ([] when not answered or "unknown").
_list(q) := _answers[q] if is_array(_val(q))

_list(q) := [] if not is_array(_val(q))

_reasons(t) := concat("; ", sort(t.why))
