package http

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// This file holds what the reflection pages share (lessons, doubts, focus,
// works, wins and reviews; docs/web.md): reading a record of the path,
// the goal select, and the form checks.

// pageRecord reads the record of a page's {id} with find, answering 404
// (and false) for one that is not the user's.
func pageRecord[T any](s *Server, w http.ResponseWriter, r *http.Request, what string, find func(context.Context, int64) (T, error)) (T, bool) {
	id, err := pageID(r, what)
	if err == nil {
		var v T
		if v, err = find(r.Context(), id); err == nil {
			return v, true
		}
	}
	s.pageError(w, r, err)
	var zero T
	return zero, false
}

// recordAction reads the record of an action's path, then the posted form.
func recordAction[T any](s *Server, w http.ResponseWriter, r *http.Request, what string, find func(context.Context, int64) (T, error)) (T, bool) {
	v, ok := pageRecord(s, w, r, what, find)
	if !ok {
		return v, false
	}
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		var zero T
		return zero, false
	}
	return v, true
}

// goalOption is one goal of a record's goal select.
type goalOption struct {
	ID       string
	Name     string
	Selected bool
}

// goalOptions lists the user's active and paused goals for a select, with
// selected chosen; a goal in another state stays listed when it is the
// one selected, so editing a lesson of a finished goal keeps it.
func (s *Server) goalOptions(ctx context.Context, selected string) ([]goalOption, error) {
	goals, err := s.svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if err != nil {
		return nil, err
	}
	var out []goalOption
	for _, g := range goals {
		id := strconv.FormatInt(g.ID, 10)
		if g.State != stride.GoalActive && g.State != stride.GoalPaused && id != selected {
			continue
		}
		out = append(out, goalOption{ID: id, Name: g.Name, Selected: id == selected})
	}
	return out, nil
}

// formGoal reads a goal select: "" is no goal; anything else must be a
// goal id (whether it is the user's, the store says).
func formGoal(v string) (*int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, stride.Errorf(stride.EINVALID, "pick one of your goals, or none")
	}
	return &id, nil
}

// goalField is the form value of an optional goal id.
func goalField(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

// checkLen notes in errs a field longer than max characters, in words.
func checkLen(errs fieldErrors, field, label, v string, max int) {
	if n := stride.TextLen(v); n > max {
		errs[field] = fmt.Sprintf("%s has %d characters: keep it under %d.", label, n, max)
	}
}

// storeFieldError files a store's refusal beside field when the user can
// fix it (EINVALID, ECONFLICT); it returns false for any other error,
// which the caller shows as a page.
func storeFieldError(errs fieldErrors, field string, err error) bool {
	switch stride.ErrorCode(err) {
	case stride.EINVALID, stride.ECONFLICT:
		errs[field] = stride.ErrorMessage(err)
		return true
	}
	return false
}

// deleteConfirmed answers the first POST of a deletion with the page that
// asks (v); once the form says yes, it deletes with del and redirects to
// back with flash.
func (s *Server) deleteConfirmed(w http.ResponseWriter, r *http.Request, nav string, v confirmView, del func(context.Context) error, back, flash string) {
	if r.PostFormValue("confirm") != "yes" {
		s.render(w, r, http.StatusOK, "confirm.html", page{Title: v.Question, Nav: nav, Data: v})
		return
	}
	if err := del(r.Context()); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.redirect(w, r, back, flash)
}

// excerpt shortens text to about n characters at a word boundary, for lists.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
