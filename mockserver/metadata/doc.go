// Package metadata holds the bodies authentik 2025.6 answers OPTIONS requests with (DRF's
// SimpleMetadata over authentik's serializers), recorded from the reference oracle. They depend
// on the models only, never on the data, so they are served as recorded.
package metadata

import _ "embed"

// List is the OPTIONS answer on the list route: the POST action's fields.
//
//go:embed list.json
var List []byte

// Detail is the OPTIONS answer on an item route whose stage the user may see: the PUT action's
// fields.
//
//go:embed detail.json
var Detail []byte

// DetailWithoutObject is the OPTIONS answer on an item route when DRF's get_object fails (an
// unknown or malformed pk, a filter that excludes the stage, an anonymous user): no actions.
//
//go:embed detail-noobject.json
var DetailWithoutObject []byte

// UsedBy is the OPTIONS answer on the used_by route.
//
//go:embed used_by.json
var UsedBy []byte
