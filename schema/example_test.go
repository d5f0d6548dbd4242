package schema_test

import (
	"fmt"

	"akmock/schema"
)

// ExampleValidator_Validate validates a 404 body and a pagination object that
// breaks the contract.
func ExampleValidator_Validate() {
	v, err := schema.New()
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Validate(schema.OpList, 404, []byte(`{"detail":"Invalid page."}`)))
	fmt.Println(v.ValidatePagination([]byte(`{"next":0,"previous":0,"count":-1,"current":1,"total_pages":1,"start_index":0,"end_index":0}`)))
	// Output:
	// <nil>
	// schema: Pagination 0: at "/count" (keyword "/properties/count/minimum"): must be >= 0 but found -1
}
