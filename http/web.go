package http

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
	"github.com/strideapp/stride/words"
)

// flashCookie carries a short note about what a form did across its
// redirect (post, redirect, get), read once by the next page.
const flashCookie = "stride_flash"

// redirect answers a form post with 303 See Other to a page of this
// site, leaving msg for that page to show.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, msg string) {
	if msg != "" {
		http.SetCookie(w, &http.Cookie{
			Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", MaxAge: 60,
			HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
		})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// takeFlash returns the note a redirect left, and clears it so a reload
// does not show it again.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil || len(msg) > 500 {
		return ""
	}
	return msg
}

// passwordProblem says what is wrong with a new password, in characters
// as the forms ask ("8 characters or more", and minlength counts them),
// or "" when it will do. password.Validate counts bytes and keeps the
// CLI's words; a password short of 8 characters is refused here even when
// its accents make it 8 bytes, as the browser refuses it.
func passwordProblem(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < password.MinLen:
		return fmt.Sprintf("The password is too short (%s): use %d characters or more; a few words in a row are easy to remember.",
			words.Plural(n, "character"), password.MinLen)
	case password.Validate(pw) != nil: // too long, in bytes
		return fmt.Sprintf("The password is too long (%s): use at most %d characters, fewer with accents, other scripts or emoji, which take more room.",
			words.Plural(n, "character"), password.MaxLen)
	}
	return ""
}

// localPath returns v when it is a path on this site (so a form's "back"
// field or the sign-in's return cannot send the browser elsewhere), else
// fallback: one leading "/", never "//" or a scheme, and no backslash or
// control character, which browsers read as a slash or drop ("/\t/evil"
// is "//evil" to them).
func localPath(v, fallback string) string {
	if !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || len(v) > 2000 || strings.ContainsRune(v, '\\') {
		return fallback
	}
	for _, c := range v {
		if c < 0x20 || c == 0x7f {
			return fallback
		}
	}
	if u, err := url.Parse(v); err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return fallback
	}
	return v
}

// returnPath is where signing in goes on to: next when it is a path on
// this site other than the sign-in and sign-out pages, else the board.
func returnPath(next string) string {
	p := localPath(next, "/")
	if path, _, _ := strings.Cut(p, "?"); path == "/login" || strings.HasPrefix(path, "/logout") {
		return "/"
	}
	return p
}

// isHTMX reports whether htmx sent the request, expecting a fragment.
func isHTMX(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

// newRequestID returns a random id for a form, so a double tap or a
// resent form stores its step once.
func newRequestID() string { return rand.Text() }

// pageID reads the {id} of a page's path; anything but a positive number
// is a page that does not exist.
func pageID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, stride.Errorf(stride.ENOTFOUND, "there is no such %s", what)
	}
	return id, nil
}

// fieldErrors maps a form field's name to what is wrong with it, shown
// beside the field.
type fieldErrors map[string]string

// renderPart writes one named template of a page, for htmx to swap in.
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, status int, pageName, part string, data any) {
	var buf bytes.Buffer
	if err := s.pages[pageName].ExecuteTemplate(&buf, part, data); err != nil {
		s.log.ErrorContext(r.Context(), "render part", "page", pageName, "part", part, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "HX-Request")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// formDate reads an optional date field: empty gives def; otherwise
// YYYY-MM-DD or the words stride understands (today, yesterday, -2d).
func formDate(v string, today, def stride.Date) (stride.Date, error) {
	if strings.TrimSpace(v) == "" {
		return def, nil
	}
	return stride.ParseDate(v, today)
}

// parseForm bounds the body and parses it; a body too large is a 400.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return stride.Errorf(stride.EINVALID, "the form could not be read: %v", err)
	}
	return nil
}
