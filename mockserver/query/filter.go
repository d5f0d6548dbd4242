package query

import (
	"strings"
	"unicode"

	"akmock/fixtures"
)

// Row is one stage as the query layer sees it, with what search compares precomputed.
type Row struct {
	Stage     *fixtures.UserLoginStage
	upperName string
}

// NewRow wraps a stage for querying.
func NewRow(s *fixtures.UserLoginStage) *Row {
	return &Row{Stage: s, upperName: pgUpper(s.Name)}
}

// NewRows wraps every stage for querying at once, in one block: row i wraps &stages[i].
func NewRows(stages []fixtures.UserLoginStage) []Row {
	rows := make([]Row, len(stages))
	for i := range stages {
		rows[i] = Row{Stage: &stages[i], upperName: pgUpper(stages[i].Name)}
	}
	return rows
}

// Filter keeps the rows that match every active filter (django-filter: exact, case-sensitive
// lookups). It returns rows itself when no filter is active, else a new slice in the same order.
func Filter(rows []*Row, f Filters) []*Row {
	if !f.Active() {
		return rows
	}
	var out []*Row
	for _, r := range rows {
		if matches(r.Stage, f) {
			out = append(out, r)
		}
	}
	return out
}

func matches(s *fixtures.UserLoginStage, f Filters) bool {
	return eq(f.StageUUID, s.PK) && eq(f.Name, s.Name) && eq(f.SessionDuration, s.SessionDuration) &&
		eq(f.NetworkBinding, s.NetworkBinding) && eq(f.GeoIPBinding, s.GeoIPBinding) &&
		eq(f.RememberMeOffset, s.RememberMeOffset) &&
		(f.TerminateOtherSessions == nil || *f.TerminateOtherSessions == s.TerminateOtherSessions)
}

func eq(want *string, have string) bool { return want == nil || *want == have }

// Search keeps the rows whose name contains every term, ignoring case, as DRF's SearchFilter
// does on PostgreSQL: UPPER("name") LIKE UPPER('%term%') for each term, ANDed, with '%', '_'
// and '\' in a term taken literally. It returns rows itself when there are no terms, or only
// empty ones.
func Search(rows []*Row, terms []string) []*Row {
	// Every row is checked against each distinct term once: a term given again, or an empty one
	// (which every name contains), changes nothing, and a 32 KiB search repeating one term
	// thousands of times would cost that many passes over every row.
	upper := make([]string, 0, len(terms))
	var seen map[string]bool
	if len(terms) > 1 {
		seen = make(map[string]bool, len(terms))
	}
	for _, t := range terms {
		u := pgUpper(t)
		if u == "" || seen[u] {
			continue
		}
		if seen != nil {
			seen[u] = true
		}
		upper = append(upper, u)
	}
	if len(upper) == 0 {
		return rows
	}
	var out []*Row
	for _, r := range rows {
		if containsAll(r.upperName, upper) {
			out = append(out, r)
		}
	}
	return out
}

func containsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// pgUpper is PostgreSQL's upper() in a UTF-8 database whose LC_CTYPE is a Unicode locale (as in
// authentik's image): each character mapped on its own by towupper, the simple Unicode mapping
// ("ß" stays "ß", "ı" becomes "I").
func pgUpper(s string) string {
	return strings.Map(unicode.ToUpper, s)
}
