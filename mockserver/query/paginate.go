package query

import (
	"math"
	"math/big"
)

// Page is one page of rows and the numbers authentik's Pagination reports about it.
type Page struct {
	Rows       []*Row // the page's rows, in order
	Number     int64  // current
	NumPages   int64  // total_pages
	Count      int64  // count: rows on all pages
	StartIndex int64  // start_index: the 1-based position of the first row
	EndIndex   int64  // end_index: the position of the last row
	Next       int64  // 0 when there is none
	Previous   int64  // 0 when there is none
}

// PageSizes configures pagination: the default size (DRF's PAGE_SIZE, 100 in authentik) and an
// optional maximum (DRF's max_page_size; 0 means none, as authentik 2025.6 ships).
type PageSizes struct {
	Default int64
	Max     int64
}

// Size is DRF's PageNumberPagination.get_page_size: `page_size` read with Python's int() and
// capped by the maximum; zero, negative or unreadable values fall back to the default (which
// the maximum does not cap).
func (s PageSizes) Size(raw string) int64 {
	n, ok := PyInt(raw)
	if !ok || n <= 0 {
		return s.Default
	}
	if s.Max > 0 && n > s.Max {
		return s.Max
	}
	return n
}

// Paginate cuts rows into the page the request asks for, as DRF's PageNumberPagination over
// Django's Paginator does: `page` empty or absent is 1, exactly "last" is the last page, else
// Python's int(); a page below 1, past the last page or unreadable is [ErrInvalidPage]. An empty
// result still has one (empty) page. A page size so large that Django counts no pages at all
// (see [PageSizes.countsNoPages]) leaves page 1 alone readable, and its end_index is an integer
// authentik cannot render: [ErrEndIndexOverflow].
func Paginate(rows []*Row, req PageRequest, sizes PageSizes) (Page, error) {
	size := sizes.Size(req.PageSize)
	count := int64(len(rows))
	numPages := int64(1)
	switch {
	case size == math.MaxInt64 && sizes.countsNoPages(req.PageSize, count):
		numPages = 0
	case count > 0:
		numPages = (count + size - 1) / size
		if count+size-1 < count { // the sum overflowed: size is huge
			numPages = 1
		}
	}
	var number int64
	switch req.Page {
	case "":
		number = 1
	case "last":
		number = numPages
	default:
		n, ok := PyInt(req.Page)
		if !ok {
			return Page{}, ErrInvalidPage
		}
		number = n
	}
	// Django's Paginator.validate_number: page 1 exists even when there are no pages.
	if number < 1 || (number > numPages && number != 1) {
		return Page{}, ErrInvalidPage
	}
	if numPages == 0 {
		return Page{}, ErrEndIndexOverflow
	}
	start := (number - 1) * size // number <= numPages, so no overflow
	end := count
	if number < numPages {
		end = number * size
	}
	p := Page{Rows: rows[start:end], Number: number, NumPages: numPages, Count: count, EndIndex: end}
	if count > 0 {
		p.StartIndex = start + 1
	}
	if number < numPages {
		p.Next = number + 1
	}
	if number > 1 {
		p.Previous = number - 1
	}
	return p, nil
}

// countsNoPages reports whether Django's Paginator counts no pages for count rows at the page
// size raw asks for. Its num_pages is ceil(max(1, count) / page_size) computed with a float
// division, whose quotient rounds to 0.0 once page_size is at least max(1, count) * 2**1075
// (half the smallest float64 above zero, where rounding to even goes down). Only a page size
// DRF does not cap can be that large; Python's int() reads at most 4300 digits.
func (s PageSizes) countsNoPages(raw string, count int64) bool {
	if s.Max > 0 {
		return false
	}
	n, ok := PyBigInt(raw)
	return ok && n.Cmp(new(big.Int).Lsh(big.NewInt(max(count, 1)), 1075)) >= 0
}
