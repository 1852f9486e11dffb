package http

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"

	"github.com/strideapp/stride"
)

// maxBatch bounds the steps of one batch request.
const maxBatch = 10000

// stepRequest is a new step. Amount is a number in the goal's unit, or a
// string the goal's unit reads ("20m", "1.5h", "12 pages").
type stepRequest struct {
	GoalID    int64           `json:"goal_id"`
	Amount    json.RawMessage `json:"amount"`
	Date      *stride.Date    `json:"date"`
	Time      clockInput      `json:"time"`
	Note      string          `json:"note"`
	Learned   string          `json:"learned"`
	Effort    *float64        `json:"effort_minutes"`
	Energy    *int            `json:"energy"`
	RequestID string          `json:"request_id"`
}

// clockInput is a step's "time" in a body: minutes after midnight, the
// form the API answers with (450), or "HH:MM" as people write it
// ("07:30"). Set says the field was there; a nil Value is no time of day
// (null, which PATCH reads as clearing it). Anything else is refused
// saying what is accepted, before a step is built.
type clockInput struct {
	Set   bool
	Value *int
}

// clockAccepted says what "time" accepts, after what was wrong.
const clockAccepted = `minutes after midnight, 0 to 1439 (07:30 is 450), or "HH:MM", 24-hour, such as "07:30"`

// UnmarshalJSON is only called when the field is present, null included.
func (c *clockInput) UnmarshalJSON(b []byte) error {
	c.Set, c.Value = true, nil
	if string(b) == "null" {
		return nil
	}
	var n float64
	if json.Unmarshal(b, &n) == nil {
		if n != math.Trunc(n) || n < 0 || n >= 24*60 {
			// "time of day must be ..." is the words of stride.Step's Validate, for the same mistake
			return stride.Errorf(stride.EINVALID, `"time" %s is out of range: a time of day must be between 00:00 and 23:59, given as %s`, b, clockAccepted)
		}
		m := int(n)
		c.Value = &m
		return nil
	}
	var text string
	if json.Unmarshal(b, &text) == nil {
		if m, err := stride.ParseClock(text); err == nil {
			c.Value = &m
			return nil
		}
	}
	return stride.Errorf(stride.EINVALID, `"time" %s is not a time of day: give %s`, b, clockAccepted)
}

// step builds the step; units are read with the goal's, found through
// goals (a cache for batches).
func (s *Server) step(r *http.Request, req stepRequest, goals map[int64]*stride.Goal) (*stride.Step, error) {
	if req.GoalID <= 0 {
		return nil, stride.Errorf(stride.EINVALID, `a step needs "goal_id", the id of one of your goals`)
	}
	st := &stride.Step{
		GoalID: req.GoalID, Day: s.today(r.Context()), Time: req.Time.Value, Note: req.Note, Learned: req.Learned,
		Effort: req.Effort, Energy: req.Energy, RequestID: req.RequestID,
	}
	if req.Date != nil {
		st.Day = *req.Date
	}
	if err := s.stepLater(r.Context(), st.Day, st.Time, req.Date != nil); err != nil {
		return nil, err
	}
	amount, err := s.amount(r, req.GoalID, req.Amount, goals, "; to take one back, delete or change it (DELETE or PATCH /api/v1/steps/{id})")
	if err != nil {
		return nil, err
	}
	st.Amount = amount
	return st, st.Validate()
}

// amount reads an amount given as a number, or as a string in the goal's
// unit; takeBack ends the refusal of a zero amount, saying how to take a
// step back instead. A missing amount is one time on a check goal, its natural step;
// an amount goal is refused with what it counts, as stride log asks "how
// much?": one unit of it is rarely what was meant.
func (s *Server) amount(r *http.Request, goalID int64, raw json.RawMessage, goals map[int64]*stride.Goal, takeBack string) (float64, error) {
	missing := len(raw) == 0 || string(raw) == "null"
	var v float64
	if !missing && json.Unmarshal(raw, &v) == nil {
		return v, nil
	}
	var text string
	if !missing && json.Unmarshal(raw, &text) != nil {
		return 0, stride.Errorf(stride.EINVALID, `field "amount" must be a number, or a string such as "20m" or "12 pages"`)
	}
	g, ok := goals[goalID]
	if !ok {
		var err error
		if g, err = s.svc.Goals.FindGoalByID(r.Context(), goalID); err != nil {
			return 0, err
		}
		goals[goalID] = g
	}
	if missing {
		if g.Unit == "" {
			return 1, nil
		}
		return 0, amountNeeded(g)
	}
	v, err := stride.ParseAmount(text, g.Unit)
	if err != nil {
		return 0, stride.Errorf(stride.ErrorCode(err), "%s", amountMessage(err, takeBack))
	}
	return v, nil
}

// amountNeeded is the refusal of a step with no amount on a goal that
// counts an amount: what the goal counts and the forms accepted.
func amountNeeded(g *stride.Goal) error {
	if g.Unit == stride.MinutesUnit {
		return stride.Errorf(stride.EINVALID, `"amount" is needed: %s counts min, so give a number of minutes (20) or a string such as "20m" or "1h30m"`, g.Name)
	}
	return stride.Errorf(stride.EINVALID, `"amount" is needed: %s counts %s, so give a number (3) or a string such as "3 %s"`, g.Name, g.Unit, g.Unit)
}

func (s *Server) handleStepList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var f stride.StepFilter
		var err error
		if v := q.Get("goal_id"); v != "" {
			id, perr := strconv.ParseInt(v, 10, 64)
			if perr != nil {
				s.apiError(w, r, stride.Errorf(stride.EINVALID, "?goal_id=%s is not a number", v))
				return
			}
			f.GoalID = &id
		}
		if f.Since, err = dateParam(r, "since"); err != nil {
			s.apiError(w, r, err)
			return
		}
		if f.Until, err = dateParam(r, "until"); err != nil {
			s.apiError(w, r, err)
			return
		}
		if v := q.Get("limit"); v != "" {
			if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 0 {
				s.apiError(w, r, stride.Errorf(stride.EINVALID, "?limit=%s is not a number of steps: use 0 (no limit) or more", v))
				return
			}
		}
		if v := q.Get("latest"); v != "" {
			if f.Latest, err = strconv.ParseBool(v); err != nil {
				s.apiError(w, r, stride.Errorf(stride.EINVALID, "?latest=%s is not true or false", v))
				return
			}
		}
		steps, err := s.svc.Steps.FindSteps(r.Context(), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, nonNil(steps))
	})
}

func (s *Server) handleStepCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[stepRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		st, err := s.step(r, req, map[int64]*stride.Goal{})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		created, err := s.svc.Steps.CreateStep(r.Context(), st)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		status := http.StatusCreated
		if created.Replayed {
			status = http.StatusOK
		}
		encode(w, status, created)
	})
}

type batchRequest struct {
	Steps []stepRequest `json:"steps"`
}

func (s *Server) handleStepBatch() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[batchRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if len(req.Steps) > maxBatch {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, "the batch has %d steps: send at most %d per request", len(req.Steps), maxBatch))
			return
		}
		goals := map[int64]*stride.Goal{}
		steps := make([]*stride.Step, 0, len(req.Steps))
		for i, in := range req.Steps {
			st, err := s.step(r, in, goals)
			if err != nil {
				s.apiError(w, r, stride.Errorf(stride.ErrorCode(err), "step %d: %s", i+1, stride.ErrorMessage(err)))
				return
			}
			steps = append(steps, st)
		}
		if err := s.svc.Steps.CreateSteps(r.Context(), steps); err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) handleStepGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "step")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		st, err := s.svc.Steps.FindStepByID(r.Context(), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, st)
	})
}

type stepUpdateRequest struct {
	Date *stride.Date `json:"date"`
	Time clockInput   `json:"time"`
	// Amount is a number, or a string in the goal's unit ("20m").
	Amount json.RawMessage   `json:"amount"`
	Effort optional[float64] `json:"effort_minutes"`
	Energy optional[int]     `json:"energy"`
	Note   optional[string]  `json:"note"`
	// Learned is what the step taught; null clears it, as "".
	Learned optional[string] `json:"learned"`
}

func (s *Server) handleStepUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "step")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[stepUpdateRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if req.Date != nil || req.Time.Set {
			if err := s.stepMoveLater(r, id, req); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		upd := stride.StepUpdate{Day: req.Date}
		if len(req.Amount) > 0 && string(req.Amount) != "null" {
			if upd.Amount, err = s.stepAmount(r, id, req.Amount); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		if req.Time.Set {
			upd.Time = &req.Time.Value
		}
		if req.Effort.Set {
			upd.Effort = &req.Effort.Value
		}
		if req.Energy.Set {
			upd.Energy = &req.Energy.Value
		}
		if req.Note.Set {
			note := ""
			if req.Note.Value != nil {
				note = *req.Note.Value
			}
			upd.Note = &note
		}
		if req.Learned.Set {
			learned := ""
			if req.Learned.Value != nil {
				learned = *req.Learned.Value
			}
			upd.Learned = &learned
		}
		st, err := s.svc.Steps.UpdateStep(r.Context(), id, upd)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, st)
	})
}

// stepAmount reads the new amount of step id: a number, or a string read
// in its goal's unit, found through the step (another user's step is not
// found).
func (s *Server) stepAmount(r *http.Request, id int64, raw json.RawMessage) (*float64, error) {
	var v float64
	if json.Unmarshal(raw, &v) == nil {
		return &v, nil
	}
	st, err := s.svc.Steps.FindStepByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if v, err = s.amount(r, st.GoalID, raw, map[int64]*stride.Goal{}, "; to take the step back, DELETE /api/v1/steps/{id}"); err != nil {
		return nil, err
	}
	return &v, nil
}

// stepMoveLater refuses a change of day or time of day that would leave
// the step later than now. Its day was named by a client, so the test is
// the one for a day named (stepLater); the stored step gives the day or
// the time the request leaves as it is.
func (s *Server) stepMoveLater(r *http.Request, id int64, req stepUpdateRequest) error {
	var day stride.Date
	var clock *int
	if req.Date == nil || !req.Time.Set {
		st, err := s.svc.Steps.FindStepByID(r.Context(), id)
		if err != nil {
			return err
		}
		day, clock = st.Day, st.Time
	}
	if req.Date != nil {
		day = *req.Date
	}
	if req.Time.Set {
		clock = req.Time.Value
	}
	return s.stepLater(r.Context(), day, clock, true)
}

func (s *Server) handleStepDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "step")
		if err == nil {
			err = s.svc.Steps.DeleteStep(r.Context(), id)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
