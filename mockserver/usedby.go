package mockserver

import (
	"sort"
	"strconv"

	"akmock/fixtures"
	"akmock/fixtures/pyjson"
)

// binding is a flow-stage binding: the stage bound into a flow at a position.
type binding struct {
	flow  *fixtures.Flow
	order int
}

// bindingPK is a stable pk for a binding. Fixtures carry none, so it is derived from the stage,
// the flow and the order (a UUID5 in the URL name space).
func bindingPK(stagePK string, b binding) string {
	return fixtures.UUID5URL("akmock-fsb:" + stagePK + ":" + b.flow.PK + ":" + strconv.Itoa(b.order))
}

// usedByBody writes the used_by list of a stage.
func usedByBody(s *fixtures.UserLoginStage) []byte {
	bindings := make([]binding, len(s.FlowSet))
	for i := range s.FlowSet {
		bindings[i] = binding{flow: s.FlowSet[i], order: i}
	}
	b := []byte{'['}
	for i, bd := range bindings {
		if i > 0 {
			b = append(b, ',')
		}
		b = usedByEntry(b, "flow", bd.flow.PK, "Flow "+bd.flow.Name+" ("+bd.flow.Slug+")", "cascade_many")
	}
	sort.SliceStable(bindings, func(i, j int) bool {
		if bindings[i].flow.PK != bindings[j].flow.PK {
			return bindings[i].flow.PK < bindings[j].flow.PK
		}
		return bindings[i].order < bindings[j].order
	})
	for _, bd := range bindings { // the flow entries above come first, so a comma always separates
		b = append(b, ',')
		name := "Flow-stage binding #" + strconv.Itoa(bd.order) + " to " + bd.flow.PK
		b = usedByEntry(b, "flowstagebinding", bindingPK(s.PK, bd), name, "cascade")
	}
	return append(b, ']')
}

func usedByEntry(b []byte, model, pk, name, action string) []byte {
	b = append(b, `{"app":"authentik_flows","model_name":`...)
	b = pyjson.AppendString(b, model)
	b = append(b, `,"pk":`...)
	b = pyjson.AppendString(b, pk)
	b = append(b, `,"name":`...)
	b = pyjson.AppendString(b, name)
	b = append(b, `,"action":`...)
	b = pyjson.AppendString(b, action)
	return append(b, '}')
}
