package mockserver

import (
	"errors"
	"net/http"

	"akmock/mockserver/metadata"
	"akmock/mockserver/query"
	"akmock/mockserver/store"
)

// handleList serves GET /api/v3/stages/user_login/ (stages_user_login_list): django-filter,
// ordering and search (the filter backends), then authentik's pagination. The store sorts each
// ordering once per data version and filters the sorted rows (filtering keeps the order, so the
// result is the same as sorting the filtered rows), and keeps recent results for the version.
//
// A page is a function of the data and the query string alone (the page sizes are fixed for the
// server's life; everything else a request carries only decides whether it reaches the list),
// so the version also keeps the pages served from it, by query string: a repeated request is
// answered with the page built the first time, without parsing, filtering or copying a byte,
// and its parts are still checked ([Server.checkParts]).
func (s *Server) handleList(c *call) (response, error) {
	v := s.store.Current()
	if page, ok := v.Page(c.r.URL.RawQuery); ok {
		return pageResponse(c.op, page), nil
	}
	p, err := query.Parse(c.values)
	if err != nil {
		return response{}, err
	}
	rows := v.Select(p.Filters, p.Search, p.Ordering, s.collation) // ordered, filtered, searched; cached per version
	page, err := query.Paginate(rows, p.Page, s.pageSizes)
	if err != nil {
		return response{}, err
	}
	laidOut := newListPage(v, page)
	v.KeepPage(c.r.URL.RawQuery, laidOut)
	return pageResponse(c.op, laidOut), nil
}

// stageResponse answers with one stage, validated through its entry.
func stageResponse(op string, status int, e *store.Entry) response {
	return response{status: status, body: e.JSON, op: op, stage: e}
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
