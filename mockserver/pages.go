package mockserver

import (
	"io"
	"net/http"
	"strconv"

	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// newListPage lays out authentik's paginated list, {"pagination": {…}, "results": […]}, for a
// page of v's rows, with the parts it is validated by. A page longer than maxBuiltBody is not
// built (its Body is nil): it is written from its parts as it is sent.
func newListPage(v *store.Version, page query.Page) store.Page {
	p := store.Page{Entries: make([]*store.Entry, len(page.Rows)), Pagination: paginationJSON(page)}
	for i, r := range page.Rows {
		p.Entries[i] = v.Entry(r)
	}
	p.Body, p.Len = buildShort(listPageWriter(p.Pagination, p.Entries))
	return p
}

// listPageWriter writes a list page from its parts (see [newListPage]), stopping at the first
// error.
func listPageWriter(pagination []byte, entries []*store.Entry) bodyWriter {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, `{"pagination":`); err != nil {
			return err
		}
		if _, err := w.Write(pagination); err != nil {
			return err
		}
		if _, err := io.WriteString(w, `,"results":[`); err != nil {
			return err
		}
		for i, e := range entries {
			if i > 0 {
				if _, err := io.WriteString(w, ","); err != nil {
					return err
				}
			}
			if _, err := w.Write(e.JSON); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "]}")
		return err
	}
}

// pageResponse is a list page as the answer to operation op; it is validated by its parts.
func pageResponse(op string, p store.Page) response {
	resp := response{status: http.StatusOK, body: p.Body, op: op, stages: p.Entries, pagination: p.Pagination}
	if p.Body == nil { // too long to build: written as it is sent, its length known
		resp.unbuilt, resp.unbuiltLen = listPageWriter(p.Pagination, p.Entries), p.Len
	}
	return resp
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
