package query_test

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"akmock/mockserver/query"
)

// numbered makes n rows named s00, s01, ….
func numbered(n int) []*query.Row {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("s%02d", i)
	}
	return named(names...)
}

// authentik 2025.6: PAGE_SIZE 100, no max_page_size.
var authentikSizes = query.PageSizes{Default: 100}

// pageNumbers is Page without its rows: what authentik's "pagination" object reports.
type pageNumbers struct {
	Next, Previous, Count, Current, TotalPages, StartIndex, EndIndex int64
}

func numbersOf(p query.Page) pageNumbers {
	return pageNumbers{Next: p.Next, Previous: p.Previous, Count: p.Count, Current: p.Number, TotalPages: p.NumPages,
		StartIndex: p.StartIndex, EndIndex: p.EndIndex}
}

// TestPaginate: the "pagination" objects the oracle answered (GET ?page=…&page_size=… over the
// 25 stages of seed1-25 with PAGE_SIZE 100, over an empty result, and with AKORACLE_PAGE_SIZE=20
// AKORACLE_MAX_PAGE_SIZE=10); the rows are the slice [lo, hi) of the input.
func TestPaginate(t *testing.T) {
	capped := query.PageSizes{Default: 20, Max: 10}
	const huge = "99999999999999999999"
	for _, tt := range []struct {
		name           string
		count          int
		page, pageSize string
		sizes          query.PageSizes
		want           pageNumbers
		lo, hi         int
	}{
		{"default", 25, "", "", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page empty is 1", 25, "", "", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"first of three", 25, "1", "10", authentikSizes, pageNumbers{2, 0, 25, 1, 3, 1, 10}, 0, 10},
		{"middle", 25, " 2 ", "10", authentikSizes, pageNumbers{3, 1, 25, 2, 3, 11, 20}, 10, 20},
		{"last by number", 25, "3", "10", authentikSizes, pageNumbers{0, 2, 25, 3, 3, 21, 25}, 20, 25},
		{"last", 25, "last", "10", authentikSizes, pageNumbers{0, 2, 25, 3, 3, 21, 25}, 20, 25},
		{"page +1", 25, "+1", "", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page Arabic-Indic 1", 25, "\u0661", "", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page 1_0", 25, "1_0", "2", authentikSizes, pageNumbers{11, 9, 25, 10, 13, 19, 20}, 18, 20},
		{"page_size 0 falls back", 25, "", "0", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page_size -1 falls back", 25, "", "-1", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page_size abc falls back", 25, "", "abc", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page_size 1.0 falls back", 25, "", "1.0", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page_size blank falls back", 25, "", " ", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"page_size 1_0", 25, "2", "1_0", authentikSizes, pageNumbers{3, 1, 25, 2, 3, 11, 20}, 10, 20},
		{"page_size Arabic-Indic 3", 25, "last", "\u0663", authentikSizes, pageNumbers{0, 8, 25, 9, 9, 25, 25}, 24, 25},
		{"page_size full-width 2", 25, "", "\uff12", authentikSizes, pageNumbers{2, 0, 25, 1, 13, 1, 2}, 0, 2},
		{"page_size +3", 25, "9", "+3", authentikSizes, pageNumbers{0, 8, 25, 9, 9, 25, 25}, 24, 25},
		{"page_size 1, page 25", 25, "25", "1", authentikSizes, pageNumbers{0, 24, 25, 25, 25, 25, 25}, 24, 25},
		{"page_size equals count", 25, "", "25", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"one left over", 25, "2", "24", authentikSizes, pageNumbers{0, 1, 25, 2, 2, 25, 25}, 24, 25},
		{"huge page_size", 25, "", huge, authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"huge page_size, last", 25, "last", huge, authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"max int64 page_size", 25, "", "9223372036854775807", authentikSizes, pageNumbers{0, 0, 25, 1, 1, 1, 25}, 0, 25},
		{"empty", 0, "", "", authentikSizes, pageNumbers{0, 0, 0, 1, 1, 0, 0}, 0, 0},
		{"empty, last", 0, "last", "", authentikSizes, pageNumbers{0, 0, 0, 1, 1, 0, 0}, 0, 0},
		{"empty, page 1", 0, "1", "5", authentikSizes, pageNumbers{0, 0, 0, 1, 1, 0, 0}, 0, 0},
		{"max: default is not capped", 25, "", "", capped, pageNumbers{2, 0, 25, 1, 2, 1, 20}, 0, 20},
		{"max: page_size capped", 25, "", "50", capped, pageNumbers{2, 0, 25, 1, 3, 1, 10}, 0, 10},
		{"max: page_size at max", 25, "", "10", capped, pageNumbers{2, 0, 25, 1, 3, 1, 10}, 0, 10},
		{"max: page_size below max", 25, "", "9", capped, pageNumbers{2, 0, 25, 1, 3, 1, 9}, 0, 9},
		{"max: page_size 0 falls back uncapped", 25, "", "0", capped, pageNumbers{2, 0, 25, 1, 2, 1, 20}, 0, 20},
		{"max: page_size abc falls back uncapped", 25, "", "abc", capped, pageNumbers{2, 0, 25, 1, 2, 1, 20}, 0, 20},
		{"max: huge page_size capped, last", 25, "last", huge, capped, pageNumbers{0, 2, 25, 3, 3, 21, 25}, 20, 25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows := numbered(tt.count)
			page, err := query.Paginate(rows, query.PageRequest{Page: tt.page, PageSize: tt.pageSize}, tt.sizes)
			require.NoError(t, err)
			assert.Equal(t, tt.want, numbersOf(page))
			assert.Equal(t, namesOf(rows[tt.lo:tt.hi]), namesOf(page.Rows))
		})
	}
}

// TestPaginateInvalidPage: 404 {"detail":"Invalid page."} from the oracle for each of these.
func TestPaginateInvalidPage(t *testing.T) {
	for _, tt := range []struct {
		name           string
		count          int
		page, pageSize string
	}{
		{"past the end", 25, "4", "10"},
		{"zero", 25, "0", ""},
		{"negative", 25, "-1", ""},
		{"float", 25, "1.0", ""},
		{"word", 25, "abc", ""},
		{"LAST", 25, "LAST", ""},
		{"padded last", 25, " last", ""},
		{"page 2 of one", 25, "2", ""},
		{"page 2 of huge pages", 25, "2", "99999999999999999999"},
		{"huge page", 25, "99999999999999999999", ""},
		{"max int64 page", 25, "9223372036854775807", "1"},
		{"huge negative page", 25, "-99999999999999999999", ""},
		{"underscore first", 25, "_1", ""},
		{"empty result, page 2", 0, "2", ""},
		{"empty result, page 0", 0, "0", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := query.Paginate(numbered(tt.count), query.PageRequest{Page: tt.page, PageSize: tt.pageSize}, authentikSizes)
			assert.ErrorIs(t, err, query.ErrInvalidPage)
		})
	}
}

// TestPageSize is DRF's get_page_size: _positive_int(value, strict=True, cutoff=max_page_size),
// the default when that raises.
func TestPageSize(t *testing.T) {
	for _, tt := range []struct {
		raw   string
		sizes query.PageSizes
		want  int64
	}{
		{"", authentikSizes, 100},
		{"5", authentikSizes, 5},
		{" 7\n", authentikSizes, 7},
		{"0", authentikSizes, 100},
		{"-0", authentikSizes, 100},
		{"-5", authentikSizes, 100},
		{"abc", authentikSizes, 100},
		{"5.0", authentikSizes, 100},
		{"1_000", authentikSizes, 1000},
		{"1__0", authentikSizes, 100},
		{"\u0663", authentikSizes, 3},
		{"100000", authentikSizes, 100000},
		{"99999999999999999999", authentikSizes, math.MaxInt64},
		{"50", query.PageSizes{Default: 20, Max: 10}, 10},
		{"10", query.PageSizes{Default: 20, Max: 10}, 10},
		{"3", query.PageSizes{Default: 20, Max: 10}, 3},
		{"", query.PageSizes{Default: 20, Max: 10}, 20},
		{"-3", query.PageSizes{Default: 20, Max: 10}, 20},
	} {
		t.Run(fmt.Sprintf("%q max %d", tt.raw, tt.sizes.Max), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.sizes.Size(tt.raw))
		})
	}
}

// TestPaginateLarge walks every page of 1000 rows: pages tile the rows without gaps or overlap,
// and the numbers agree with Django's Paginator arithmetic.
func TestPaginateLarge(t *testing.T) {
	rows := numbered(1000)
	for _, size := range []int64{1, 7, 100, 999, 1000, 1001} {
		pages := (int64(len(rows)) + size - 1) / size
		var seen int64
		for n := int64(1); n <= pages; n++ {
			p, err := query.Paginate(rows, query.PageRequest{Page: fmt.Sprint(n), PageSize: fmt.Sprint(size)}, authentikSizes)
			require.NoError(t, err, "size %d page %d", size, n)
			require.Equal(t, pages, p.NumPages)
			assert.Equal(t, seen+1, p.StartIndex, "size %d page %d", size, n)
			seen += int64(len(p.Rows))
			assert.Equal(t, seen, p.EndIndex, "size %d page %d", size, n)
			if len(p.Rows) > 0 {
				assert.Same(t, rows[p.StartIndex-1], p.Rows[0])
			}
		}
		assert.Equal(t, int64(len(rows)), seen, "size %d", size)
		_, err := query.Paginate(rows, query.PageRequest{Page: fmt.Sprint(pages + 1), PageSize: fmt.Sprint(size)}, authentikSizes)
		assert.ErrorIs(t, err, query.ErrInvalidPage)
	}
}

// TestPaginateNoPages: a page size of at least max(1, count) * 2**1075 makes Django's Paginator
// count zero pages (a float division rounds to 0.0). The oracle's answers over 60 stages (and
// over 0 with a filter that keeps none): page 1 is a 500 (its end_index cannot be rendered),
// any other page a 404; one less than the edge is an ordinary single page; a maximum page size
// caps the value first; Python's int() reads at most 4300 digits, else the default applies.
func TestPaginateNoPages(t *testing.T) {
	edge := func(count int64) *big.Int { return new(big.Int).Lsh(big.NewInt(max(count, 1)), 1075) }
	minus1 := func(n *big.Int) string { return new(big.Int).Sub(n, big.NewInt(1)).String() }
	for _, tt := range []struct {
		name           string
		count          int
		page, pageSize string
		sizes          query.PageSizes
		want           error // nil: one page of every row
	}{
		{"at the edge", 60, "", edge(60).String(), authentikSizes, query.ErrEndIndexOverflow},
		{"at the edge, page 1", 60, "1", edge(60).String(), authentikSizes, query.ErrEndIndexOverflow},
		{"at the edge, page ' 1'", 60, " 1", edge(60).String(), authentikSizes, query.ErrEndIndexOverflow},
		{"at the edge, last page", 60, "last", edge(60).String(), authentikSizes, query.ErrInvalidPage},
		{"at the edge, page 2", 60, "2", edge(60).String(), authentikSizes, query.ErrInvalidPage},
		{"at the edge, page 0", 60, "0", edge(60).String(), authentikSizes, query.ErrInvalidPage},
		{"one below the edge", 60, "", minus1(edge(60)), authentikSizes, nil},
		{"one below the edge, last page", 60, "last", minus1(edge(60)), authentikSizes, nil},
		{"signed, padded and with leading zeros", 60, "", " +0" + edge(60).String() + "\n", authentikSizes, query.ErrEndIndexOverflow},
		{"underscores", 60, "", "1_" + strings.Repeat("0", 400), authentikSizes, query.ErrEndIndexOverflow},
		{"negative", 60, "", "-" + edge(60).String(), authentikSizes, nil},
		{"no rows, edge of one", 0, "", edge(1).String(), authentikSizes, query.ErrEndIndexOverflow},
		{"no rows, one below", 0, "", minus1(edge(1)), authentikSizes, nil},
		{"one row", 1, "", edge(1).String(), authentikSizes, query.ErrEndIndexOverflow},
		{"4300 digits", 60, "", "1" + strings.Repeat("0", 4299), authentikSizes, query.ErrEndIndexOverflow},
		{"4301 digits: the default size", 60, "", "1" + strings.Repeat("0", 4300), authentikSizes, nil},
		{"capped by a maximum", 60, "", edge(60).String(), query.PageSizes{Default: 20, Max: 100}, nil},
		{"capped by the largest maximum", 60, "", "1" + strings.Repeat("0", 1100), query.PageSizes{Default: 20, Max: math.MaxInt64}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := query.Paginate(numbered(tt.count), query.PageRequest{Page: tt.page, PageSize: tt.pageSize}, tt.sizes)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, pageNumbers{Count: int64(tt.count), Current: 1, TotalPages: 1, StartIndex: min(int64(tt.count), 1), EndIndex: int64(tt.count)}, numbersOf(p))
		})
	}
}
