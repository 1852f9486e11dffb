package http

// This file holds what the endpoints of the reflection records (lessons,
// doubts, focus, works, wins, reviews) share: the handlers that read a
// list filter, a record by its id, an update of one, or its deletion, and
// the query parameters of the lists.

import (
	"context"
	"net/http"
	"strconv"

	"github.com/strideapp/stride"
)

// handleList answers a list: the filter parse reads from the query, then
// the records find finds with it, as a JSON array (empty, never null).
func handleList[F, T any](s *Server, parse func(*http.Request) (F, error), find func(context.Context, F) ([]T, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := parse(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		xs, err := find(r.Context(), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(xs))
	})
}

// handleGet answers what find finds by the {id} of the path: a record, or
// one of its parts. what names the record in messages ("lesson").
func handleGet[T any](s *Server, what string, find func(context.Context, int64) (T, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, what)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		x, err := find(r.Context(), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, x)
	})
}

// handleUpdate decodes a Req and answers the record update makes of the
// one the {id} of the path names.
func handleUpdate[Req, T any](s *Server, what string, update func(r *http.Request, id int64, req Req) (T, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, what)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[Req](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		x, err := update(r, id, req)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, x)
	})
}

// handleGoalAsOf answers what find reads of the goal the {id} of the path
// names, as of ?today= (the user's today by default).
func handleGoalAsOf[T any](s *Server, find func(ctx context.Context, id int64, today stride.Date) (T, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		today, err := s.todayParam(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		x, err := find(r.Context(), id, today)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, x)
	})
}

// handleDelete deletes the record the {id} of the path names: 204.
func handleDelete(s *Server, what string, del func(context.Context, int64) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, what)
		if err == nil {
			err = del(r.Context(), id)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// idParam reads an optional id query parameter such as ?goal_id=.
func idParam(r *http.Request, name string) (*int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, stride.Errorf(stride.EINVALID, "?%s=%s is not an id: use the id the API returned", name, v)
	}
	return &id, nil
}

// boolParam reads an optional true/false query parameter.
func boolParam(r *http.Request, name string) (*bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, stride.Errorf(stride.EINVALID, "?%s=%s is not true or false", name, v)
	}
	return &b, nil
}

// limitParam reads ?limit=, 0 (no limit) when absent.
func limitParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, stride.Errorf(stride.EINVALID, "?limit=%s is not a count: use 0 (no limit) or more", v)
	}
	return n, nil
}

// sinceUntil reads the optional ?since= and ?until= days of a list.
func sinceUntil(r *http.Request) (since, until *stride.Date, err error) {
	if since, err = dateParam(r, "since"); err != nil {
		return nil, nil, err
	}
	if until, err = dateParam(r, "until"); err != nil {
		return nil, nil, err
	}
	if since != nil && until != nil && *since > *until {
		return nil, nil, stride.Errorf(stride.EINVALID, "?since=%s is after ?until=%s: give the earlier day first", since, until)
	}
	return since, until, nil
}
