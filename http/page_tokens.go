package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
)

// tokensView is the API tokens page; Secret is set once, right after a
// token is made, and never again.
type tokensView struct {
	Tokens  []tokenLine
	Secret  string
	Created string // the new token's name
	Form    tokenForm
	Errors  fieldErrors
}

// tokenForm is the create form's values.
type tokenForm struct {
	Name, Scope, Expires string
}

// tokenLine is one token in the list.
type tokenLine struct {
	ID       int64
	Name     string
	Scope    string
	Last4    string
	Created  string
	Expires  string
	LastUsed string
}

// tokensPage renders the list, with view's form, errors or new secret.
func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, status int, view tokensView, msg string) {
	u := stride.UserFromContext(r.Context())
	tokens, err := s.svc.Auth.FindTokens(r.Context(), u.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	loc := s.location(u) // days in the user's zone, as the review shows times
	for _, t := range tokens {
		l := tokenLine{ID: t.ID, Name: t.Name, Scope: "read and write", Last4: t.Last4, Created: t.CreatedAt.In(loc).Format("2 Jan 2006"),
			Expires: "never expires", LastUsed: "not used yet"}
		if t.Scope == stride.ScopeRead {
			l.Scope = "read only"
		}
		if t.ExpiresAt != nil {
			l.Expires = "expires " + t.ExpiresAt.In(loc).Format("2 Jan 2006")
		}
		if t.LastUsedAt != nil {
			l.LastUsed = "last used " + t.LastUsedAt.In(loc).Format("2 Jan 2006")
		}
		view.Tokens = append(view.Tokens, l)
	}
	if view.Form.Scope == "" {
		view.Form.Scope, view.Form.Expires = string(stride.ScopeRead), "90"
	}
	s.render(w, r, status, "tokens.html", page{Title: "API tokens", Nav: "tokens", Error: msg, Data: view})
}

// handleTokensPage lists the API tokens with a form for a new one.
func (s *Server) handleTokensPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.tokensPage(w, r, http.StatusOK, tokensView{}, "")
	})
}

// handleTokenNew makes a token and shows its secret, once: the answer is
// the page itself, not a redirect, so the secret is never stored or
// carried in a cookie.
func (s *Server) handleTokenNew() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		form := tokenForm{Name: strings.TrimSpace(r.PostFormValue("name")), Scope: r.PostFormValue("scope"), Expires: r.PostFormValue("expires")}
		var days *int
		if form.Expires != "never" {
			n, err := strconv.Atoi(form.Expires)
			if err != nil {
				s.tokensPage(w, r, http.StatusUnprocessableEntity, tokensView{Form: form, Errors: fieldErrors{"expires": "Pick when the token expires."}}, "")
				return
			}
			days = &n
		}
		t, err := s.tokenFor(form.Name, stride.TokenScope(form.Scope), days)
		if err != nil {
			field := "name"
			if strings.Contains(stride.ErrorMessage(err), "scope") {
				field = "scope"
			} else if strings.Contains(stride.ErrorMessage(err), "expires") {
				field = "expires"
			}
			s.tokensPage(w, r, http.StatusUnprocessableEntity, tokensView{Form: form, Errors: fieldErrors{field: stride.ErrorMessage(err)}},
				"No token is made yet: see the note beside the field.")
			return
		}
		secret, err := s.createToken(r.Context(), u, t)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.tokensPage(w, r, http.StatusOK, tokensView{Secret: secret, Created: t.Name}, "")
	})
}

// handleTokenRevoke revokes one of the user's tokens.
func (s *Server) handleTokenRevoke() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		id, err := pageID(r, "token")
		if err == nil {
			err = s.svc.Auth.DeleteToken(r.Context(), u.ID, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/tokens", "The token is revoked: anything still using it is turned away from now on.")
	})
}
