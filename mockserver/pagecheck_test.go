package mockserver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"akmock/mockserver"
	"akmock/mockserver/store"
	"akmock/schema"
)

// As it is served, a list page is validated by its parts (README, "Response validation"): each
// stored stage once, the pagination object, and an envelope fixed by construction. The tests
// that see many pages (TestGolden, FuzzListQuery) check that construction from outside on every
// page: the whole body passes the list's schema, and each result is, byte for byte, the stored
// stage its pk names. Without this, a page that wrote one of its rows wrongly would pass them
// wherever the comparison with the recording forgives a row (ties at a page's edge).

// listPage is a list answer as the tests read it.
type listPage struct {
	Pagination struct {
		Count      int `json:"count"`
		Current    int `json:"current"`
		TotalPages int `json:"total_pages"`
		StartIndex int `json:"start_index"`
		EndIndex   int `json:"end_index"`
	} `json:"pagination"`
	Results []json.RawMessage `json:"results"`
}

// rowsError says why the page does not hold as many rows as its pagination says, or is nil.
func (page listPage) rowsError() error {
	p := page.Pagination
	if want := p.EndIndex - p.StartIndex + 1; p.Count > 0 && len(page.Results) != want || p.Count == 0 && len(page.Results) > 0 {
		return fmt.Errorf("%d results for rows %d to %d of %d", len(page.Results), p.StartIndex, p.EndIndex, p.Count)
	}
	return nil
}

// listPageError says why body, a 200 answer to a list request, is not a page of the stages
// current holds: the whole body fails the list's schema, the rows are not as many as the
// pagination says, a stage shows twice, or a result is not the stored stage.
func listPageError(v *schema.Validator, current *store.Version, body []byte) error {
	if err := v.Validate(schema.OpList, http.StatusOK, body); err != nil {
		return fmt.Errorf("the whole page fails the list's schema: %w", err)
	}
	var page listPage
	if err := json.Unmarshal(body, &page); err != nil {
		return err
	}
	if err := page.rowsError(); err != nil {
		return err
	}
	seen := make(map[string]bool, len(page.Results))
	for i, raw := range page.Results {
		var stage struct {
			PK string `json:"pk"`
		}
		if err := json.Unmarshal(raw, &stage); err != nil {
			return fmt.Errorf("results[%d]: %w", i, err)
		}
		if seen[stage.PK] {
			return fmt.Errorf("results[%d]: stage %s shows twice", i, stage.PK)
		}
		seen[stage.PK] = true
		e, ok := current.Get(stage.PK)
		if !ok {
			return fmt.Errorf("results[%d]: no stored stage has pk %q", i, stage.PK)
		}
		if !bytes.Equal(raw, e.JSON) {
			return fmt.Errorf("results[%d] is not the stored stage:\n got %.600s\nwant %.600s", i, raw, e.JSON)
		}
	}
	return nil
}

// mustValidator compiles the embedded schemas.
func mustValidator(tb testing.TB) *schema.Validator {
	tb.Helper()
	v, err := schema.New()
	require.NoError(tb, err)
	return v
}

// TestListPageError: the check refuses a page whose envelope or rows are not what the server
// stores, so that the tests relying on it can fail.
func TestListPageError(t *testing.T) {
	ts := mockserver.NewTestServer(t, mockserver.Config{Stages: twoStages()})
	status, body := do(t, ts, http.MethodGet, stagesURL, "")
	require.Equal(t, http.StatusOK, status, body)
	v, current := mustValidator(t), ts.Store().Current()
	require.NoError(t, listPageError(v, current, []byte(body)))

	name := current.Stages()[0].Name
	for _, tc := range []struct{ name, old, new, want string }{
		{"a row's value", `"name":"` + name + `"`, `"name":"` + name + `x"`, "is not the stored stage"},
		{"a row's constant", `"component":"ak-stage-user-login-form"`, `"component":"ak-stage-password-form"`, "fails the list's schema"},
		{"the envelope", `"results":[`, `"results":[],"rows":[`, "fails the list's schema"},
		{"an unknown stage", `"pk":"` + current.Stages()[1].PK + `"`, `"pk":"00000000-0000-4000-8000-000000000000"`, "no stored stage"},
		{"a row too many", `"end_index":2`, `"end_index":1`, "2 results for rows 1 to 1 of 2"},
		{"a stage twice", `"pk":"` + current.Stages()[1].PK + `"`, `"pk":"` + current.Stages()[0].PK + `"`, "shows twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := bytes.Replace([]byte(body), []byte(tc.old), []byte(tc.new), 1)
			require.NotEqual(t, body, string(changed), "the replacement must change the body")
			require.ErrorContains(t, listPageError(v, current, changed), tc.want)
		})
	}
}
