package mockserver

import (
	"bytes"
	"io"
	"net/http"
	"strconv"

	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// newListPage lays out authentik's paginated list, {"pagination": {…}, "results": […]}, for a
// page of v's rows, with the parts it is validated by. A page longer than a version keeps
// ([store.MaxPageBytes]; page_size is not capped, so one page can hold every stage) is not
// built: [writeListPage] writes it from its parts as it is sent, so that a page of 100,000
// stages (118 MB) costs no copy of itself in memory.
func newListPage(v *store.Version, page query.Page) store.Page {
	p := store.Page{Entries: make([]*store.Entry, len(page.Rows)), Pagination: paginationJSON(page)}
	p.Len = len(`{"pagination":,"results":[]}`) + len(p.Pagination)
	for i, r := range page.Rows {
		p.Entries[i] = v.Entry(r)
		p.Len += len(p.Entries[i].JSON) + 1
	}
	if len(p.Entries) > 0 {
		p.Len-- // no comma before the first stage
	}
	if p.Len <= store.MaxPageBytes {
		p.Body = buildListPage(p)
	}
	return p
}

// buildListPage returns the body of the list page p, built from its parts.
func buildListPage(p store.Page) []byte {
	b := bytes.NewBuffer(make([]byte, 0, p.Len))
	writeListPage(b, p)
	return b.Bytes()
}

// writeListPage writes the list page p from its parts (see [newListPage]). Write errors are
// the writer's to keep: a [bufio.Writer] reports the first at Flush, a [bytes.Buffer] has none.
func writeListPage(w io.Writer, p store.Page) {
	io.WriteString(w, `{"pagination":`)
	w.Write(p.Pagination)
	io.WriteString(w, `,"results":[`)
	for i, e := range p.Entries {
		if i > 0 {
			io.WriteString(w, ",")
		}
		w.Write(e.JSON)
	}
	io.WriteString(w, "]}")
}

// pageResponse is a list page as the answer to operation op; it is validated by its parts.
func pageResponse(op string, p store.Page) response {
	resp := response{status: http.StatusOK, body: p.Body, op: op, stages: p.Entries, pagination: p.Pagination}
	if p.Body == nil {
		resp.unbuiltLen = p.Len
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
