package mockserver

import (
	"errors"
	"net/http"
	"strconv"

	"akmock/mockserver/metadata"
	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// handleList serves GET /api/v3/stages/user_login/ (stages_user_login_list): django-filter,
// ordering and search (the filter backends), then authentik's pagination. The store sorts each
// ordering once per data version and filters the sorted rows (filtering keeps the order, so the
// result is the same as sorting the filtered rows), and keeps recent results for the version.
func (s *Server) handleList(c *call) (response, error) {
	p, err := query.Parse(c.values)
	if err != nil {
		return response{}, err
	}
	v := s.store.Current()
	rows := v.Select(p.Filters, p.Search, p.Ordering) // ordered, filtered, searched; cached per version
	page, err := query.Paginate(rows, p.Page, s.pageSizes)
	if err != nil {
		return response{}, err
	}
	return listResponse(c.op, v, page), nil
}

// listResponse writes authentik's paginated list, {"pagination": {…}, "results": […]}, and keeps
// its parts for validation: the pagination object and the stages' entries.
func listResponse(op string, v *store.Version, page query.Page) response {
	entries := make([]*store.Entry, len(page.Rows))
	size := 200
	for i, r := range page.Rows {
		entries[i] = v.Entry(r)
		size += len(entries[i].JSON) + 1
	}
	pagination := paginationJSON(page)
	b := getBuffer(size)
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
	return response{status: http.StatusOK, body: b, op: op, stages: entries, pagination: pagination, pooled: true}
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

// stageResponse answers with one stage, validated through its entry.
func stageResponse(op string, status int, e *store.Entry) response {
	return response{status: status, body: e.JSON, op: op, stages: []*store.Entry{e}}
}

// handleRetrieve serves GET /api/v3/stages/user_login/{stage_uuid}/.
func (s *Server) handleRetrieve(c *call) (response, error) {
	e, err := s.getObject(c)
	if err != nil {
		return response{}, err
	}
	return stageResponse(c.op, http.StatusOK, e), nil
}

// getObject is DRF's GenericAPIView.get_object on authentik's viewset: the filter backends run
// first (authentik's ObjectFilter refuses anonymous users, then django-filter, ordering and
// search, which can fail or filter the stage out), then the lookup: a pk that is not a UUID is
// a bare 404, an unknown one Django's "No UserLoginStage matches the given query.".
func (s *Server) getObject(c *call) (*store.Entry, error) {
	if !c.authenticated {
		return nil, errNoPermission
	}
	p, err := query.Parse(c.values)
	if err != nil {
		return nil, err
	}
	return s.lookup(c.pk, p)
}

// lookup finds the stage the path names among those the filters and search keep.
func (s *Server) lookup(rawPK string, p query.Params) (*store.Entry, error) {
	pk, ok := query.PyUUID(rawPK)
	if !ok {
		return nil, errNotFound
	}
	e, ok := s.store.Current().Get(pk)
	if !ok {
		return nil, errNoMatch
	}
	if len(query.Search(query.Filter([]*query.Row{e.Row}, p.Filters), p.Search)) == 0 {
		return nil, errNoMatch
	}
	return e, nil
}

// handleUsedBy serves GET /api/v3/stages/user_login/{stage_uuid}/used_by/ (authentik's
// UsedByMixin): no filter backends, no pagination. The stage's reverse relations in attribute
// name order: its flows (flow_set, deleting the stage removes it from them: cascade_many), then
// its flow-stage bindings (flowstagebinding_set, cascade) ordered by flow, then binding order.
// Objects the user may not view are left out, so an anonymous caller gets [].
func (s *Server) handleUsedBy(c *call) (response, error) {
	e, err := s.lookup(c.pk, query.Params{})
	if err != nil {
		return response{}, err
	}
	if !c.authenticated {
		return jsonResponse(c.op, http.StatusOK, []byte("[]")), nil
	}
	return jsonResponse(c.op, http.StatusOK, usedByBody(e.Stage())), nil
}

// handleMetadata serves OPTIONS (DRF's SimpleMetadata): the recorded description of the view.
// On an item route DRF lists the PUT action only when get_object succeeds; its API errors are
// swallowed, anything else (ordering by flow_set) is not.
func (s *Server) handleMetadata(c *call) (response, error) {
	body := metadata.UsedBy
	switch c.route {
	case routeList:
		body = metadata.List
	case routeDetail:
		body = metadata.Detail
		if _, err := s.getObject(c); errors.Is(err, query.ErrOrderingFlowSet) {
			return response{}, err
		} else if err != nil {
			body = metadata.DetailWithoutObject
		}
	}
	return response{status: http.StatusOK, body: body, op: opMetadata}, nil
}
