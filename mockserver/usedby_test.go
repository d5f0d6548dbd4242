package mockserver

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/fixtures"
)

// TestUsedByBody: a stage's flows in flow_set order, then its bindings ordered by flow pk and
// binding order (FlowStageBinding's Meta.ordering: target, order), each binding with a pk of its
// own: two stages bound to one flow at the same position do not share one.
func TestUsedByBody(t *testing.T) {
	late := &fixtures.Flow{PK: "ffffffff-0000-4000-8000-000000000000", Name: "Late", Slug: "late"}
	early := &fixtures.Flow{PK: "00000000-0000-4000-8000-000000000000", Name: "Early", Slug: "early"}
	a := fixtures.UserLoginStage{PK: "aaaaaaaa-0000-4000-8000-000000000000", FlowSet: []*fixtures.Flow{late, early}}
	b := fixtures.UserLoginStage{PK: "bbbbbbbb-0000-4000-8000-000000000000", FlowSet: []*fixtures.Flow{late, early}}

	type entry struct{ App, ModelName, PK, Name, Action string }
	parse := func(body []byte) []entry {
		var raw []map[string]string
		require.NoError(t, json.Unmarshal(body, &raw))
		out := make([]entry, len(raw))
		for i, r := range raw {
			out[i] = entry{r["app"], r["model_name"], r["pk"], r["name"], r["action"]}
		}
		return out
	}
	got := parse(usedByBody(&a))
	require.Len(t, got, 4)
	assert.Equal(t, []entry{
		{"authentik_flows", "flow", late.PK, "Flow Late (late)", "cascade_many"},
		{"authentik_flows", "flow", early.PK, "Flow Early (early)", "cascade_many"},
		{"authentik_flows", "flowstagebinding", got[2].PK, "Flow-stage binding #1 to " + early.PK, "cascade"},
		{"authentik_flows", "flowstagebinding", got[3].PK, "Flow-stage binding #0 to " + late.PK, "cascade"},
	}, got)

	other := parse(usedByBody(&b))
	pks := map[string]bool{}
	for _, e := range append(got[2:], other[2:]...) {
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, e.PK)
		assert.False(t, pks[e.PK], "binding pk %s twice", e.PK)
		pks[e.PK] = true
	}
	assert.Equal(t, got, parse(usedByBody(&a)), "binding pks are stable")
}

// TestUsedByFlowBoundTwice: a stage bound to one flow twice (two bindings) shows the flow twice,
// in used_by as in its flow_set, and both bindings, each with its own pk. Through a fixture, as
// a client would set it up.
func TestUsedByFlowBoundTwice(t *testing.T) {
	flow := `{"pk":"00000000-0000-4000-8000-000000000000","name":"Twice","slug":"twice","title":"T","designation":"authentication"}`
	stages, err := fixtures.Load("t.json", []byte(`[{"pk":"aaaaaaaa-0000-4000-8000-000000000000","name":"a","flow_set":[`+flow+`,{"pk":"00000000-0000-4000-8000-000000000000"}]}]`))
	require.NoError(t, err)
	require.Len(t, stages[0].FlowSet, 2)
	assert.Equal(t, 2, strings.Count(string(stages[0].AppendJSON(nil)), `"slug":"twice"`), "flow_set")

	var got []map[string]string
	require.NoError(t, json.Unmarshal(usedByBody(&stages[0]), &got))
	require.Len(t, got, 4)
	for i, want := range []string{"Flow Twice (twice)", "Flow Twice (twice)",
		"Flow-stage binding #0 to 00000000-0000-4000-8000-000000000000", "Flow-stage binding #1 to 00000000-0000-4000-8000-000000000000"} {
		assert.Equal(t, want, got[i]["name"], "entry %d", i)
	}
	assert.NotEqual(t, got[2]["pk"], got[3]["pk"], "two bindings")
}
