package mockserver

import (
	"net/http"
	"strconv"

	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// newListPage writes authentik's paginated list, {"pagination": {…}, "results": […]}, for a page
// of v's rows, with the parts it is validated by.
func newListPage(v *store.Version, page query.Page) store.Page {
	entries := make([]*store.Entry, len(page.Rows))
	pagination := paginationJSON(page)
	size := len(`{"pagination":,"results":[]}`) + len(pagination)
	for i, r := range page.Rows {
		entries[i] = v.Entry(r)
		size += len(entries[i].JSON) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, `{"pagination":`...)
	b = append(b, pagination...)
	b = append(b, `,"results":[`...)
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e.JSON...)
	}
	b = append(b, "]}"...)
	return store.Page{Body: b, Entries: entries, Pagination: pagination}
}

// pageResponse is a list page as the answer to operation op; it is validated by its parts.
func pageResponse(op string, p store.Page) response {
	return response{status: http.StatusOK, body: p.Body, op: op, stages: p.Entries, pagination: p.Pagination}
}

// paginationJSON writes authentik's pagination object.
func paginationJSON(page query.Page) []byte {
	b := make([]byte, 0, 128)
	b = append(b, `{"next":`...)
	b = strconv.AppendInt(b, page.Next, 10)
	b = append(b, `,"previous":`...)
	b = strconv.AppendInt(b, page.Previous, 10)
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, page.Count, 10)
	b = append(b, `,"current":`...)
	b = strconv.AppendInt(b, page.Number, 10)
	b = append(b, `,"total_pages":`...)
	b = strconv.AppendInt(b, page.NumPages, 10)
	b = append(b, `,"start_index":`...)
	b = strconv.AppendInt(b, page.StartIndex, 10)
	b = append(b, `,"end_index":`...)
	b = strconv.AppendInt(b, page.EndIndex, 10)
	return append(b, '}')
}
