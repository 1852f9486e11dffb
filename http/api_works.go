package http

import (
	"context"
	"net/http"

	"github.com/strideapp/stride"
)

func (s *Server) handleWorkList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var f stride.WorkFilter
		var err error
		if f.GoalID, err = idParam(r, "goal_id"); err != nil {
			s.apiError(w, r, err)
			return
		}
		if f.Shipped, err = boolParam(r, "shipped"); err != nil {
			s.apiError(w, r, err)
			return
		}
		ctx := r.Context()
		if name := r.URL.Query().Get("name"); name != "" {
			// An unknown goal, or another user's, is 404 as without a
			// name (FindWorks checks it there).
			if f.GoalID != nil {
				if _, err := s.svc.Goals.FindGoalByID(ctx, *f.GoalID); err != nil {
					s.apiError(w, r, err)
					return
				}
			}
			// One work at most: names are unique, case-insensitively.
			wk, err := s.svc.Works.FindWorkByName(ctx, name)
			if stride.ErrorCode(err) == stride.ENOTFOUND {
				encode(w, http.StatusOK, []*stride.Work{})
				return
			} else if err != nil {
				s.apiError(w, r, err)
				return
			}
			wk.Iterations = nil // a list leaves iterations out, as FindWorks does
			works := []*stride.Work{wk}
			if (f.GoalID != nil && (wk.GoalID == nil || *wk.GoalID != *f.GoalID)) || (f.Shipped != nil && wk.Shipped != *f.Shipped) {
				works = works[:0]
			}
			encode(w, http.StatusOK, works)
			return
		}
		works, err := s.svc.Works.FindWorks(ctx, f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(works))
	})
}

// workRequest is a new piece of work.
type workRequest struct {
	Name       string `json:"name"`
	GoalID     *int64 `json:"goal_id"`
	DoneWhen   string `json:"done_when"`
	NudgeAfter int    `json:"nudge_after"`
}

func (s *Server) handleWorkCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[workRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		wk := &stride.Work{Name: req.Name, GoalID: req.GoalID, DoneWhen: req.DoneWhen, NudgeAfter: req.NudgeAfter}
		if err := s.svc.Works.CreateWork(r.Context(), wk); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, wk)
	})
}

func (s *Server) handleWorkGet() http.Handler {
	return handleGet(s, "work", func(ctx context.Context, id int64) (*stride.Work, error) {
		wk, err := s.svc.Works.FindWorkByID(ctx, id)
		if err != nil {
			return nil, err
		}
		wk.Iterations = nonNil(wk.Iterations)
		return wk, nil
	})
}

type workUpdateRequest struct {
	Name        *string         `json:"name"`
	GoalID      optional[int64] `json:"goal_id"` // null detaches the work from its goal
	DoneWhen    *string         `json:"done_when"`
	DoneWhenMet metInput        `json:"done_when_met"`
	NudgeAfter  *int            `json:"nudge_after"`
}

func (s *Server) handleWorkUpdate() http.Handler {
	return handleUpdate(s, "work", func(r *http.Request, id int64, req workUpdateRequest) (*stride.Work, error) {
		upd := stride.WorkUpdate{
			Name: req.Name, DoneWhen: req.DoneWhen, NudgeAfter: req.NudgeAfter,
			DoneWhenMet: req.DoneWhenMet.update(s.today(r.Context())),
		}
		if req.GoalID.Set {
			upd.GoalID = &req.GoalID.Value
		}
		return s.svc.Works.UpdateWork(r.Context(), id, upd)
	})
}

func (s *Server) handleWorkDelete() http.Handler {
	return handleDelete(s, "work", func(ctx context.Context, id int64) error {
		return s.svc.Works.DeleteWork(ctx, id)
	})
}

func (s *Server) handleIterationList() http.Handler {
	return handleGet(s, "work", func(ctx context.Context, id int64) ([]*stride.Iteration, error) {
		wk, err := s.svc.Works.FindWorkByID(ctx, id)
		if err != nil {
			return nil, err
		}
		return nonNil(wk.Iterations), nil
	})
}

// iterationRequest is an iteration of a work (what changed, feedback,
// effort) or, with kind "ship", the current version shipped.
type iterationRequest struct {
	Kind     *string      `json:"kind"` // absent: an iteration`
	Date     *stride.Date `json:"date"`
	Changed  string       `json:"changed"`
	Feedback string       `json:"feedback"`
	Effort   *float64     `json:"effort_minutes"`
	Note     string       `json:"note"`
}

// iterationCreated is the answer to a new iteration: the iteration as
// stored (its version set) and the work after it.
type iterationCreated struct {
	Iteration *stride.Iteration `json:"iteration"`
	Work      *stride.Work      `json:"work"`
}

func (s *Server) handleIterationCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "work")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[iterationRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		it := &stride.Iteration{
			WorkID: id, Kind: stride.IterationChange, Day: s.today(r.Context()), Changed: req.Changed,
			Feedback: req.Feedback, Effort: req.Effort, Note: req.Note,
		}
		if req.Kind != nil {
			it.Kind = *req.Kind
		}
		if req.Date != nil {
			it.Day = *req.Date
		}
		wk, err := s.svc.Works.AddIteration(r.Context(), id, it)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		wk.Iterations = nonNil(wk.Iterations)
		encode(w, http.StatusCreated, iterationCreated{Iteration: it, Work: wk})
	})
}

// handleIterationsBetween answers the iterations of every work in
// [since, until], oldest first: what a weekly summary reads.
func (s *Server) handleIterationsBetween() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		since, until, err := sinceUntil(r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if since == nil {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, "?since= is missing: give the first day, YYYY-MM-DD (?until= defaults to today)"))
			return
		}
		if until == nil {
			today := s.today(r.Context())
			until = &today
		}
		its, err := s.svc.Works.FindIterations(r.Context(), *since, *until)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(its))
	})
}
