package http

import (
	"context"
	"embed"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/strideapp/stride"
)

func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
}

// handleReadyz answers 200 when the database answers within two seconds,
// 503 otherwise, so a load balancer stops sending requests to an instance
// that cannot reach it.
func (s *Server) handleReadyz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := s.deps.Ping(ctx); err != nil {
			s.log.WarnContext(ctx, "readiness check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "the database does not answer\n")
			return
		}
		io.WriteString(w, "ok\n")
	})
}

//go:embed openapi.json
var openAPI []byte

func handleOpenAPI() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
}

// handleAPINotFound answers API paths that match no route with the API's
// JSON error instead of a plain-text page.
func handleAPINotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body errorBody
		body.Error.Code = stride.ENOTFOUND
		body.Error.Message = r.Method + " " + r.URL.Path + " is not part of the API: see /api/v1/openapi.json for the routes"
		encode(w, http.StatusNotFound, body)
	})
}

//go:embed assets
var assets embed.FS

// handleAssets serves the embedded stylesheet and scripts. Their URLs
// carry a hash of their content (see assetURL), so they may be cached for
// a year.
func handleAssets() http.Handler {
	files := http.FileServerFS(assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
}
