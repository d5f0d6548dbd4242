package mockserver

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJournalRing: the journal keeps the last journalSize requests to finish, counts those it
// dropped, and lists what it keeps in arrival order, whatever order they finished in.
func TestJournalRing(t *testing.T) {
	var j journal
	const extra = 5
	for range journalSize + extra {
		j.add(journalEntry{Seq: j.number(), Path: "/a"})
	}
	all, dropped := j.list(journalFilter{})
	require.Len(t, all, journalSize)
	assert.EqualValues(t, extra, dropped)
	for i, e := range all {
		require.EqualValues(t, extra+1+i, e.Seq, "entry %d", i)
	}

	// Two requests that finish out of order are listed as they arrived.
	first, second := j.number(), j.number()
	j.add(journalEntry{Seq: second, Path: "/b"})
	j.add(journalEntry{Seq: first, Path: "/b"})
	bs, _ := j.list(journalFilter{Path: "/b"})
	require.Len(t, bs, 2)
	assert.Equal(t, []int64{first, second}, []int64{bs[0].Seq, bs[1].Seq})

	// Clearing (DELETE /_akmock/requests) forgets the dropped count with the entries.
	_, dropped = j.list(journalFilter{})
	require.Positive(t, dropped)
	j.clear()
	all, dropped = j.list(journalFilter{})
	assert.Empty(t, all)
	assert.Zero(t, dropped)
}

// TestJournalRingTwiceOver: after twice journalSize requests, every slot of the ring has been
// written twice, and the journal lists exactly the second journalSize, numbered journalSize+1 to
// 2*journalSize, in order, having dropped the first journalSize.
func TestJournalRingTwiceOver(t *testing.T) {
	var j journal
	for range 2 * journalSize {
		j.add(journalEntry{Seq: j.number()})
	}
	all, dropped := j.list(journalFilter{})
	require.Len(t, all, journalSize)
	assert.EqualValues(t, journalSize, dropped)
	for i, e := range all {
		require.EqualValues(t, journalSize+1+i, e.Seq, "entry %d", i)
	}
}

// TestJournalFilter: each filter field on its own and together.
func TestJournalFilter(t *testing.T) {
	var j journal
	for i, e := range []journalEntry{
		{Method: "GET", Path: "/api/v3/stages/user_login/", Status: 200},
		{Method: "POST", Path: "/api/v3/stages/user_login/", Status: 400},
		{Method: "GET", Path: "/api/v3/stages/user_login/x/", Status: 404},
		{Method: "GET", Path: "/nowhere/", Status: 404},
	} {
		e.Seq = j.number()
		e.Query = fmt.Sprint(i)
		j.add(e)
	}
	for _, tc := range []struct {
		f    journalFilter
		want string
	}{
		{journalFilter{}, "0123"},
		{journalFilter{Method: "get"}, "023"},
		{journalFilter{Path: "/api/v3/stages/user_login/"}, "01"},
		{journalFilter{PathPrefix: "/api/"}, "012"},
		{journalFilter{Status: 404}, "23"},
		{journalFilter{Method: "GET", PathPrefix: "/api/", Status: 404}, "2"},
		{journalFilter{Path: "/api/"}, ""},
	} {
		got, _ := j.list(tc.f)
		queries := ""
		for _, e := range got {
			queries += e.Query
		}
		assert.Equal(t, tc.want, queries, "%+v", tc.f)
	}
}

// TestRedactAuthorization: a known scheme at most, never what follows it, and never a first
// word that is no scheme (it may be the token itself).
func TestRedactAuthorization(t *testing.T) {
	for in, want := range map[string]string{
		"Bearer akmock-token":    "Bearer [redacted]",
		"  Bearer akmock-token ": "Bearer [redacted]",
		"bearer akmock-token":    "bearer [redacted]",
		"Basic dXNlcjpwYXNz":     "Basic [redacted]",
		"NTLM abc":               "NTLM [redacted]",
		"akmock-token":           "[redacted]",
		"Bearer":                 "[redacted]",
		"akmock-token x":         "[redacted]",
		"Bearerxyz akmock-token": "[redacted]",
		"Token=akmock-token ;":   "[redacted]",
	} {
		assert.Equal(t, want, redactAuthorization(in), "%q", in)
	}
}
