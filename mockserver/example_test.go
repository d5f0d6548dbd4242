package mockserver_test

import (
	"fmt"
	"io"
	"strings"

	"akmock/fixtures"
	"akmock/mockserver"
)

// ExampleNewTestServer starts akmock inside a test on two stages, creates a third through the API
// and reads the data back directly.
func ExampleNewTestServer() {
	ts := mockserver.NewTestServer(exampleT{}, mockserver.Config{Stages: []fixtures.UserLoginStage{
		{PK: "5f1c7c2e-0d6b-4d43-9a55-3c4f4c1f0a01", Name: "default-authentication-login"},
		{PK: "5f1c7c2e-0d6b-4d43-9a55-3c4f4c1f0a02", Name: "default-source-enrollment-login"},
	}})
	defer ts.Close()

	resp, err := ts.Client().Post(ts.URL+"/api/v3/stages/user_login/", "application/json",
		strings.NewReader(`{"name": "  my-login ", "session_duration": "hours=8"}`))
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, strings.Contains(string(body), `"name":"my-login","component":"ak-stage-user-login-form"`))

	resp, _ = ts.Client().Get(ts.URL + "/api/v3/stages/user_login/?search=login&ordering=-name&page_size=1")
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, strings.Contains(string(body), `"count":3`))

	for _, s := range ts.Stages() {
		fmt.Println(s.Name, s.SessionDuration)
	}
	// Output:
	// 201 true
	// 200 true
	// default-authentication-login seconds=0
	// default-source-enrollment-login seconds=0
	// my-login hours=8
}

// exampleT stands in for the *testing.T a real test passes to NewTestServer.
type exampleT struct{}

func (exampleT) Helper()                           {}
func (exampleT) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (exampleT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (exampleT) Cleanup(func())                    {}
