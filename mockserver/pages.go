package mockserver

import (
	"net/http"
	"strconv"
	"sync"

	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// listPage is a list answer, {"pagination": {…}, "results": […]}, with the parts it is
// validated by: the pagination object and the stages' entries. It is immutable once built.
type listPage struct {
	body       []byte
	stages     []*store.Entry
	pagination []byte
}

// newListPage writes authentik's paginated list for a page of v's rows.
func newListPage(v *store.Version, page query.Page) listPage {
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
	return listPage{body: b, stages: entries, pagination: pagination}
}

// response is the page as the answer to operation op; it is validated by its parts.
func (p listPage) response(op string) response {
	return response{status: http.StatusOK, body: p.body, op: op, stages: p.stages, pagination: p.pagination}
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

// pageCache keeps the list pages served from one version of the data, by raw query string. A
// page is a function of the data and the query string alone (the page sizes are fixed for the
// server's life, and everything else a request carries only decides whether it reaches the
// list at all), so a repeated request is answered with the page built the first time, without
// parsing, filtering or copying a byte. Its parts are still checked on every answer
// ([Server.checkParts]). The cache holds at most maxPageCacheBytes and starts over when it is
// full or the data changes.
type pageCache struct {
	mu      sync.RWMutex
	version *store.Version
	pages   map[string]listPage
	bytes   int
}

// maxPageCacheBytes bounds the bodies and keys [pageCache] holds: about 35 pages of 100 stages.
const maxPageCacheBytes = 4 << 20

// get returns the page served for the query string from version v, if it is kept.
func (pc *pageCache) get(v *store.Version, rawQuery string) (listPage, bool) {
	pc.mu.RLock()
	defer pc.mu.RUnlock()
	if pc.version != v {
		return listPage{}, false
	}
	p, ok := pc.pages[rawQuery]
	return p, ok
}

// put keeps the page served for the query string from version v, dropping the pages of any other
// version, or all of them when there is no room.
func (pc *pageCache) put(v *store.Version, rawQuery string, p listPage) {
	size := len(rawQuery) + len(p.body)
	if size > maxPageCacheBytes {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.version != v || pc.bytes+size > maxPageCacheBytes {
		pc.version, pc.pages, pc.bytes = v, make(map[string]listPage), 0
	}
	if _, ok := pc.pages[rawQuery]; !ok {
		pc.pages[rawQuery] = p
		pc.bytes += size
	}
}
