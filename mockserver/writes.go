package mockserver

import (
	"crypto/rand"
	"errors"
	"net/http"

	"akmock/fixtures"
	"akmock/fixtures/pyjson"
	"akmock/mockserver/serializer"
	"akmock/mockserver/store"
)

// DefaultMaxBodyBytes is the largest request body akmock reads when [Config.MaxBodyBytes] is 0:
// 32 MiB, the cap of authentik's Go router (http.MaxBytesReader before its proxy to Django), below
// which authentik reads any body. Past it authentik's router fails the request itself; akmock
// answers its own 413.
const DefaultMaxBodyBytes = 32 << 20

// handleCreate serves POST /api/v3/stages/user_login/ (DRF's CreateModelMixin): 201 with the
// new stage. Validation and the write are one step under the store's write lock, so a name
// taken concurrently is reported, never duplicated.
func (s *Server) handleCreate(c *call) (response, error) {
	data, err := s.requestData(c)
	if err != nil {
		return response{}, err
	}
	e, err := s.store.Write(func(v *store.Version) (fixtures.UserLoginStage, error) {
		stage := fixtures.UserLoginStage{
			PK:               newStagePK(),
			SessionDuration:  fixtures.DefaultDuration,
			RememberMeOffset: fixtures.DefaultDuration,
			NetworkBinding:   fixtures.DefaultBinding,
			GeoIPBinding:     fixtures.DefaultBinding,
		}
		err := serializer.Validate(data, &stage, serializer.Create, lookups(v, ""))
		return stage, err // not in one statement: Go leaves open whether stage is read before the call
	})
	if err != nil {
		return response{}, err
	}
	return stageResponse(c.op, http.StatusCreated, e), nil
}

// handleUpdate serves PUT /api/v3/stages/user_login/{stage_uuid}/ (UpdateModelMixin, not
// partial: name is required, omitted optional fields keep their values).
func (s *Server) handleUpdate(c *call) (response, error) { return s.update(c, serializer.Update) }

// handlePartialUpdate serves PATCH /api/v3/stages/user_login/{stage_uuid}/.
func (s *Server) handlePartialUpdate(c *call) (response, error) {
	return s.update(c, serializer.PartialUpdate)
}

// update is DRF's update: get_object (permissions, filters, 404) before the body is read.
func (s *Server) update(c *call, mode serializer.Mode) (response, error) {
	found, err := s.getObject(c)
	if err != nil {
		return response{}, err
	}
	data, err := s.requestData(c)
	if err != nil {
		return response{}, err
	}
	pk := found.Stage().PK
	e, err := s.store.Write(func(v *store.Version) (fixtures.UserLoginStage, error) {
		cur, ok := v.Get(pk)
		if !ok { // deleted since get_object
			return fixtures.UserLoginStage{}, errNoMatch
		}
		stage := *cur.Stage()
		err := serializer.Validate(data, &stage, mode, lookups(v, pk))
		return stage, err
	})
	if err != nil {
		return response{}, err
	}
	return stageResponse(c.op, http.StatusOK, e), nil
}

// handleDestroy serves DELETE /api/v3/stages/user_login/{stage_uuid}/: 204 without a body. The
// body of the request is never read.
func (s *Server) handleDestroy(c *call) (response, error) {
	found, err := s.getObject(c)
	if err != nil {
		return response{}, err
	}
	if err := s.store.Delete(found.Stage().PK); errors.Is(err, store.ErrNotFound) {
		return response{}, errNoMatch
	} else if err != nil {
		return response{}, err
	}
	return response{status: http.StatusNoContent, op: c.op}, nil
}

// lookups answers the serializer's uniqueness questions from a version; exceptPK is the stage
// being updated.
func lookups(v *store.Version, exceptPK string) serializer.Lookups {
	return serializer.Lookups{
		NameTaken: func(name string) bool { return v.HasName(name, exceptPK) },
		SlugTaken: v.HasSlug,
	}
}

// requestData is DRF's request.data with authentik's parser (drf-orjson-renderer 1.7.3's
// ORJSONParser): an empty body is an empty dict whatever its type; otherwise the content type
// must admit application/json (415) and the body must decode in the request's charset and parse
// ([parseBody]). A body larger than the configured maximum was not read: 413, for a chunked one
// too (authentik's router fails a body past its cap before Django could ignore it). akmock's
// own 413 also stops a body of more than maxBodyValues values, or with a flow_set of more than
// maxFlowSetItems items, which authentik would read.
func (s *Server) requestData(c *call) (pyjson.Value, error) {
	if c.r.ContentLength <= 0 { // DRF reads no stream when CONTENT_LENGTH is 0 or absent
		if c.bodyTooLarge {
			return pyjson.Value{}, errBodyTooLarge(s.maxBodyBytes())
		}
		return pyjson.NewDict(), nil
	}
	ct := contentType(c.r)
	if !parseMediaType(ct).admitsJSON() {
		return pyjson.Value{}, errUnsupportedMedia(ct)
	}
	if c.bodyTooLarge {
		return pyjson.Value{}, errBodyTooLarge(s.maxBodyBytes())
	}
	data, err := parseBody(c.body, bodyCodec(ct))
	if err != nil {
		return pyjson.Value{}, err
	}
	if flows, ok := data.Get("flow_set"); ok && flows.Kind() == pyjson.List && flows.Len() > maxFlowSetItems {
		return pyjson.Value{}, errFlowSetTooLong(flows.Len())
	}
	return data, nil
}

// maxBodyValues is the most values and keys a write body may hold ([parseBody] stops there). A
// decoded value takes about 80 bytes, so a 32 MiB body of small ones ([1,1,1,…]) took 2.6 GB to
// read; a stage's body holds a few dozen.
const maxBodyValues = 1_000_000

// maxFlowSetItems is the longest flow_set a write may hold. authentik refuses every write that
// holds one (with an error for each item, or its error page when all are valid flows), so only a
// hostile client sends more; past it, the errors would be about 40 times the body (a 32 MiB
// body of small items, over a gigabyte of answer), checked under the store's write lock.
const maxFlowSetItems = 10_000

func (s *Server) maxBodyBytes() int64 {
	if s.cfg.MaxBodyBytes > 0 {
		return s.cfg.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

// newStagePK is a new stage's pk: a random UUID4, as Django's default=uuid4.
func newStagePK() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fixtures.FormatUUID(u)
}
