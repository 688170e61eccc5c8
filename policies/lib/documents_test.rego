package lib.documents_test

import data.lib.documents
import data.lib.evidence
import data.lib.findings
import rego.v1

_sec(point, heading, n, excerpt) := {
	"kind": "technical_documentation.section", "source_uri": "file:td.md", "sha256": "s",
	"attributes": {"annex_iv_point": point, "heading": heading, "text_length": n, "excerpt": excerpt, "line": 7},
}

test_norm_point if {
	documents.norm_point("2.b") == "2(b)"
	documents.norm_point(" 2 (B) ") == "2(b)"
	documents.norm_point("3(b)(ii)") == "3(b)(ii)"
	documents.norm_point(5) == "5"
	documents.norm_point("Annex IV 2(b)") == "2(b)"
	documents.norm_point("Art. 13(3)(b)(ii)") == "3(b)(ii)"
}

test_placeholder if {
	documents.placeholder("TBD")
	documents.placeholder("  To be completed. ")
	documents.placeholder("")
	documents.placeholder("N/A")
	not documents.placeholder("The system scores consumer credit applications.")
}

test_point_problems_missing if {
	documents.point_problems("technical documentation", "Annex IV point 2(b)", [], false, 40) == ["technical documentation has no section for Annex IV point 2(b)"]
}

test_point_problems_ok if {
	s := _sec("2(b)", "Design", 500, "The model is a gradient-boosted tree ensemble chosen because ...")
	documents.point_problems("td", "2(b)", [s], false, 40) == []
}

test_point_problems_placeholder if {
	s := _sec("2(b)", "Design", 3, "TBD")
	[msg] := documents.point_problems("td", "2(b)", [s], false, 40)
	contains(msg, "file:td.md:7")
	contains(msg, "placeholder")
}

test_point_problems_not_applicable_mandatory if {
	s := _sec("2(b)", "Design", 300, "Not applicable, because this system has no design at all, it simply is.")
	[msg] := documents.point_problems("td", "2(b)", [s], false, 40)
	contains(msg, "applies to every high-risk system")
}

test_point_problems_not_applicable_conditional if {
	s := _sec("1(f)", "Product", 300, "Not applicable: the system is stand-alone software and no product component.")
	documents.point_problems("td", "1(f)", [s], true, 40) == []
}

test_index_by_label_and_heading if {
	secs := {
		"a": _sec("2(b)", "Design", 10, "x"),
		"b": {"kind": "k", "source_uri": "u", "attributes": {"heading": "Contact details"}},
	}
	idx := documents.index(secs, {"2(b)": "", "3(a)": "contact"})
	idx["2(b)"] == ["a"]
	idx["3(a)"] == ["b"]
}

test_deployed_by_alias if {
	vs := {
		"m1": {"attributes": {"name": "credit", "version": "1", "aliases": ["champion"]}},
		"m2": {"attributes": {"name": "credit", "version": "2", "aliases": []}},
	}
	object.keys(documents.deployed_versions(vs, {"champion"})) == {"m1"}
}

test_deployed_falls_back_to_latest if {
	vs := {
		"m1": {"attributes": {"name": "credit", "version": "1"}},
		"m2": {"attributes": {"name": "credit", "version": "10"}},
		"m3": {"attributes": {"name": "credit", "version": "9"}},
	}
	object.keys(documents.deployed_versions(vs, {"champion"})) == {"m2"}
}

test_named_numbers if {
	documents.named_numbers({"AUC": 0.8, "note": "x"}) == {"auc": 0.8}
	documents.named_numbers([{"name": "accuracy", "value": 0.9}, {"key": "f1", "value": 0.7}]) == {"accuracy": 0.9, "f1": 0.7}
}

test_age_days if {
	documents.age_days("2028-01-01") == 60 with input as {"as_of": "2028-03-01T00:00:00Z"}
	documents.age_days("2028-03-01T00:00:00Z") == 0 with input as {"as_of": "2028-03-01T00:00:00Z"}
}

# lib.evidence attestation helpers and lib.findings narrowing (added with this pack)

_att(ids, valid) := {"att": {
	"kind": "attestation", "sha256": "h", "source_uri": "file:att.yaml", "valid_until": valid,
	"attributes": {"by": "Jane Roe", "at": "2028-01-10", "catalogue_ids": ids, "statement": "confirmed"},
}}

test_attestation_covers if {
	evidence.attestation_problems("art9.10", "x") == [] with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": _att(["art9.10"], null)}
}

test_attestation_missing if {
	[msg] := evidence.attestation_problems("art9.10", "the mapping exists") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": _att(["art9.9"], null)}
	contains(msg, "a person must confirm: the mapping exists")
}

test_attestation_stale if {
	[msg] := evidence.attestation_problems("art9.10", "x") with input as {"as_of": "2028-03-01T00:00:00Z", "evidence": _att(["art9.10"], "2027-01-01T00:00:00Z")}
	contains(msg, "stale")
}

# METADATA
# custom:
#   id: TEST-1
#   citation: Test
#   tiers: [high_risk]
#   applies_from: "2027-12-02"
_probe(obs) := findings.result(rego.metadata.chain(), obs)

test_narrowed_not_applicable if {
	f := _probe({"problems": ["x"], "not_applicable": "not a remote biometric identification system"}) with input as {
		"as_of": "2028-03-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": [], "dates": {}},
	}
	f.status == "not_applicable"
	f.message == "not a remote biometric identification system"
}

test_narrowed_keeps_scope if {
	f := _probe({"problems": ["x"], "not_applicable": ""}) with input as {
		"as_of": "2028-03-01T00:00:00Z", "scope": {"tiers": ["high_risk"], "roles": [], "dates": {}},
	}
	f.status == "fail"
}

test_points_from_refs if {
	documents.points({"attributes": {"refs": ["annex_iv.2.b", "art13.3.c", "art17.1.d", "annex_iv.4"]}}) == {"2(b)", "3(c)", "4"}
}

test_fact_sources if {
	item := {"attributes": {"version": "1", "content": {"measures": [1]}, "metadata": {"owner": "o", "version": "2"}}}
	documents.fact(item, "version") == "1"
	documents.fact(item, "measures") == [1]
	documents.fact(item, "owner") == "o"
	documents.fact_or(item, "nothing", "d") == "d"
}

test_rfact_extra if {
	r := {"id": "R1", "extra": {"residual_risk": "low", "references": "INC-1; INC-2"}}
	documents.rfact(r, "residual_risk") == "low"
	documents.as_list(documents.rfact(r, "references")) == ["INC-1", "INC-2"]
	documents.rfact_or(r, "owner", "none") == "none"
}

test_deployed_flag_wins if {
	vs := {
		"m1": {"attributes": {"name": "credit", "version": "1", "aliases": ["champion"]}},
		"m2": {"attributes": {"name": "credit", "version": "2", "deployed": true}},
	}
	object.keys(documents.deployed_versions(vs, {"champion"})) == {"m2"}
}

test_version_metrics_from_run if {
	documents.version_metrics({"attributes": {"run": {"metrics": {"AUC": 0.8}}}}) == {"auc": 0.8}
}

test_total_text_length_counts if {
	documents.substantive({"attributes": {"text_length": 0, "total_text_length": 500, "excerpt": ""}}, 80)
}
