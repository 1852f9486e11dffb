package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

//go:embed html
var pageFiles embed.FS

// page is what every template gets: the signed-in user (nil when none)
// and the page's own data.
type page struct {
	Title string
	User  *stride.User
	Error string // a message shown above the page's form
	// Flash is a short note about what the last form did, carried over
	// its redirect (see flash.go).
	Flash string
	// Nav names the navigation entry of the page, marked as current.
	Nav  string
	Data any
}

// mustParsePages parses each page with the layout, and hashes the assets
// so their URLs change when they do.
func mustParsePages() (map[string]*template.Template, string) {
	h := sha256.New()
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		panic(err)
	}
	version := hex.EncodeToString(h.Sum(nil))[:12]
	funcs := template.FuncMap{
		"asset": func(name string) string { return "/assets/" + name + "?v=" + version },
		"percent": func(v float64) int {
			return int(v*100 + 0.5)
		},
		"amount": stride.FormatAmount,
		"pct":    words.Pct,
		"day":    words.Day,
	}
	names, err := fs.Glob(pageFiles, "html/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" || strings.HasPrefix(name, "partial_") {
			continue // parsed with every page
		}
		pages[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(pageFiles, "html/layout.html", "html/partial_*.html", n))
	}
	return pages, version
}

// render writes a page with status. It renders into a buffer first, so a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	if p.User == nil {
		p.User = stride.UserFromContext(r.Context())
	}
	if p.Flash == "" {
		p.Flash = takeFlash(w, r)
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// renderError writes the error page with a message for a person.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error.html", page{Title: http.StatusText(status), Error: msg})
}

// pageError writes err as the error page; internal errors are logged and
// not shown.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.errorText(r, err)
	if code == stride.EINTERNAL {
		msg = "Something went wrong on our side. It has been logged; please try again in a moment."
	}
	s.renderError(w, r, statusOf[code], msg)
}
