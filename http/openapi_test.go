package http

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/storetest"
)

// TestOpenAPIMatchesRoutes checks that every /api/v1 route of routes.go is
// described in openapi.json and every described operation is a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1", doc.OpenAPI)
	}
	described := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			described[strings.ToUpper(method)+" "+path] = true
		}
	}
	srv := NewServer(Deps{Services: storetest.OpenSQLite(t)})
	registered := map[string]bool{}
	for _, rt := range srv.routes() {
		if rt.method == "" || !strings.HasPrefix(rt.pattern, "/api/v1/") {
			continue
		}
		key := rt.method + " " + rt.pattern
		registered[key] = true
		if !described[key] {
			t.Errorf("%s is a route but openapi.json does not describe it", key)
		}
	}
	for key := range described {
		if !registered[key] {
			t.Errorf("openapi.json describes %s but routes.go has no such route", key)
		}
	}
	if len(registered) < 20 {
		t.Fatalf("only %d API routes found", len(registered))
	}
}

// TestAPIErrorsAreDocumented checks that every error code the server can
// answer is in the document's Error schema.
func TestAPIErrorsAreDocumented(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Error struct {
					Properties struct {
						Error struct {
							Properties struct {
								Code struct {
									Enum []string `json:"enum"`
								} `json:"code"`
							} `json:"properties"`
						} `json:"error"`
					} `json:"properties"`
				} `json:"Error"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	enum := doc.Components.Schemas.Error.Properties.Error.Properties.Code.Enum
	for code, status := range statusOf {
		if !slices.Contains(enum, code) {
			t.Errorf("code %q (%d) is not in the Error schema", code, status)
		}
	}
	if statusOf[stride.ENOTFOUND] != http.StatusNotFound {
		t.Error("not_found must be 404")
	}
}
