package query

// Page is one page of rows and the numbers authentik's Pagination reports about it.
type Page struct {
	Rows       []*Row
	Number     int64 // current
	NumPages   int64 // total_pages
	Count      int64
	StartIndex int64
	EndIndex   int64
	Next       int64 // 0 when there is none
	Previous   int64 // 0 when there is none
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
// result still has one (empty) page.
func Paginate(rows []*Row, req PageRequest, sizes PageSizes) (Page, error) {
	size := sizes.Size(req.PageSize)
	count := int64(len(rows))
	numPages := int64(1)
	if count > 0 {
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
		if !ok || n < 1 || n > numPages {
			return Page{}, ErrInvalidPage
		}
		number = n
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
