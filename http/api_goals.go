package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// optional is a body field that may be absent, null or set: null clears.
type optional[T any] struct {
	Set   bool // the field was in the body
	Value *T   // nil for null
}

// UnmarshalJSON is only called when the field is present, null included.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// metInput is a done-when mark in a body: a day (YYYY-MM-DD), true for
// today, or false or null to clear the mark.
type metInput struct {
	set   bool // the field was in the body
	today bool
	clear bool
	day   stride.Date
}

// UnmarshalJSON is only called when the field is present, null included.
func (m *metInput) UnmarshalJSON(b []byte) error {
	m.set = true
	switch string(b) {
	case "null", "false":
		m.clear = true
		return nil
	case "true":
		m.today = true
		return nil
	}
	var text string
	if err := json.Unmarshal(b, &text); err != nil || m.day.UnmarshalText([]byte(text)) != nil {
		return stride.Errorf(stride.EINVALID, `"done_when_met" must be a date YYYY-MM-DD, true (met today), or null or false (not met)`)
	}
	return nil
}

// update returns the mark as an update's field: nil when absent.
func (m metInput) update(today stride.Date) **stride.Date {
	if !m.set {
		return nil
	}
	var d *stride.Date
	switch {
	case m.today:
		d = &today
	case !m.clear:
		d = &m.day
	}
	return &d
}

// targetInput is a target written as text ("30 min/day") or as an object.
type targetInput struct {
	text string
	obj  *targetObject
}

// targetObject is Target's JSON; text is accepted (and ignored when the
// amount is given) so that a Target read from the API can be sent back.
type targetObject struct {
	From   *stride.Date  `json:"from"`
	Amount float64       `json:"amount"`
	Count  bool          `json:"count"`
	Unit   string        `json:"unit"`
	Per    stride.Period `json:"per"`
	Every  int           `json:"every"`
	Text   string        `json:"text"`
}

func (t *targetInput) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.text)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var o targetObject
	if err := dec.Decode(&o); err != nil {
		return stride.Errorf(stride.EINVALID, `target must be a string such as "30 min/day" or an object with "amount", "count", "unit", "per", "every" and "from": %v`, err)
	}
	t.obj = &o
	return nil
}

// resolve returns the target for a goal kept in unit, starting on from
// unless the object names its own day, and the direction a text gave.
func (t *targetInput) resolve(unit string, from stride.Date) (stride.Target, stride.Direction, error) {
	if t.obj != nil && (t.obj.Amount != 0 || t.obj.Text == "") {
		o := t.obj
		tg := stride.Target{From: from, Amount: o.Amount, Count: o.Count, Unit: stride.NormalizeUnit(o.Unit), Per: o.Per, Every: o.Every}
		if o.From != nil {
			tg.From = *o.From
		}
		if !tg.Count && tg.Unit == "" {
			tg.Unit = unit
		}
		return tg, "", stride.ValidateTarget(tg, unit)
	}
	text := t.text
	if t.obj != nil {
		text = t.obj.Text
	}
	tg, dir, err := stride.ParseTarget(text)
	if err != nil {
		return tg, "", err
	}
	if !tg.Count && unit != "" && stride.SameUnit(tg.Unit, unit) {
		tg.Unit = unit
	}
	tg.From = from
	if t.obj != nil && t.obj.From != nil {
		tg.From = *t.obj.From
	}
	return tg, dir, nil
}

// goalJSON is a goal as the API writes it. Its targets' text says the
// goal's direction, "at most 2 cups/day" for a limit, as the pages and the
// review summary's target_text do: a Target's own JSON cannot know it.
type goalJSON struct {
	*stride.Goal
	Target  targetJSON   `json:"target"`
	Targets []targetJSON `json:"targets"`
}

// targetJSON is a Target's fields with its text in the goal's words.
type targetJSON struct {
	targetFields
	Text string `json:"text"`
}

// targetFields are a Target's fields, without its own MarshalJSON.
type targetFields stride.Target

// apiGoal returns g as the API writes it, its target the one in effect
// on today (the server's clock in the user's zone, as ?today= defaults).
func apiGoal(g *stride.Goal, today stride.Date) goalJSON {
	text := func(t stride.Target) targetJSON { return targetJSON{targetFields(t), words.Target(g, t)} }
	out := goalJSON{Goal: g, Target: text(g.TargetOn(today))}
	if g.Targets != nil {
		out.Targets = make([]targetJSON, len(g.Targets))
		for i, t := range g.Targets {
			out.Targets[i] = text(t)
		}
	}
	return out
}

// pathID reads the {id} of the path.
func pathID(r *http.Request, what string) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, stride.Errorf(stride.EINVALID, "%s id %q is not a number: use the id the API returned", what, v)
	}
	return id, nil
}

// dateParam reads an optional YYYY-MM-DD query parameter.
func dateParam(r *http.Request, name string) (*stride.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	var d stride.Date
	if err := d.UnmarshalText([]byte(v)); err != nil {
		return nil, stride.Errorf(stride.EINVALID, "?%s=%s is not a date: use YYYY-MM-DD", name, v)
	}
	return &d, nil
}

// todayParam reads ?today=, defaulting to the user's today.
func (s *Server) todayParam(r *http.Request) (stride.Date, error) {
	d, err := dateParam(r, "today")
	if err != nil || d == nil {
		return s.today(r.Context()), err
	}
	return *d, nil
}

func (s *Server) handleGoalList() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := stride.GoalFilter{States: []stride.GoalState{stride.GoalActive, stride.GoalPaused, stride.GoalDone}}
		if v := q.Get("state"); v != "" {
			f.States = nil
			for st := range strings.SplitSeq(v, ",") {
				switch g := stride.GoalState(strings.TrimSpace(st)); g {
				case stride.GoalActive, stride.GoalPaused, stride.GoalDone, stride.GoalArchived:
					f.States = append(f.States, g)
				default:
					s.apiError(w, r, stride.Errorf(stride.EINVALID, "?state=%s is not a state: use active, paused, done or archived, separated by commas", st))
					return
				}
			}
		}
		if v := q.Get("name"); v != "" {
			f.Name = &v
		}
		goals, err := s.svc.Goals.FindGoals(r.Context(), f)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		out := make([]goalJSON, len(goals))
		for i, g := range goals {
			out[i] = apiGoal(g, s.today(r.Context()))
		}
		encode(w, http.StatusOK, out)
	})
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

type goalCreateRequest struct {
	Name           string            `json:"name"`
	Target         *targetInput      `json:"target"`
	Targets        []targetInput     `json:"targets"`
	Direction      *stride.Direction `json:"direction"`
	Why            string            `json:"why"`
	Unit           string            `json:"unit"`
	DoneWhen       string            `json:"done_when"`
	DoneWhenAmount *float64          `json:"done_when_amount"`
	SmallestStep   string            `json:"smallest_step"`
	ParentID       *int64            `json:"parent_id"`
	Milestones     []float64         `json:"milestones"`
	Start          *stride.Date      `json:"start"`
}

func (s *Server) handleGoalCreate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := decode[goalCreateRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		g, err := req.goal(s.today(r.Context()))
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if err := s.svc.Goals.CreateGoal(r.Context(), g); err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusCreated, apiGoal(g, s.today(r.Context())))
	})
}

// goal builds the goal a create request describes.
func (req goalCreateRequest) goal(today stride.Date) (*stride.Goal, error) {
	if err := stride.ValidateGoalName(req.Name); err != nil {
		return nil, err
	}
	g := &stride.Goal{
		Name: strings.TrimSpace(req.Name), Why: req.Why, Unit: stride.NormalizeUnit(req.Unit),
		DoneWhen: req.DoneWhen, DoneWhenAmount: req.DoneWhenAmount, SmallestStep: req.SmallestStep,
		ParentID: req.ParentID, Start: today, State: stride.GoalActive,
	}
	if req.Start != nil {
		g.Start = *req.Start
	}
	inputs := req.Targets
	if req.Target != nil {
		inputs = append(inputs, *req.Target)
	}
	if len(inputs) == 0 {
		return nil, stride.Errorf(stride.EINVALID, `a goal needs a "target", such as "30 min/day", "20 pages/week" or "3 times/week"`)
	}
	if g.Unit == "" && req.Target != nil && req.Target.obj == nil { // the unit comes from the text
		t, _, err := stride.ParseTarget(req.Target.text)
		if err != nil {
			return nil, err
		}
		g.Unit = t.Unit
	} else if g.Unit == "" && req.Target != nil && !req.Target.obj.Count {
		g.Unit = stride.NormalizeUnit(req.Target.obj.Unit)
	}
	for i, in := range inputs {
		t, dir, err := in.resolve(g.Unit, g.Start)
		if err != nil {
			return nil, err
		}
		if dir != "" && i == len(inputs)-1 {
			g.Direction = dir
		}
		g.Targets = append(g.Targets, t)
	}
	g.Target = g.Targets[len(g.Targets)-1]
	if req.Direction != nil {
		g.Direction = *req.Direction
	}
	for _, m := range req.Milestones {
		g.Milestones = append(g.Milestones, stride.Milestone{Amount: m})
	}
	return g, g.Validate()
}

func (s *Server) handleGoalGet() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		g, err := s.svc.Goals.FindGoalByID(r.Context(), id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, apiGoal(g, s.today(r.Context())))
	})
}

type goalUpdateRequest struct {
	Name           *string           `json:"name"`
	Why            *string           `json:"why"`
	DoneWhen       *string           `json:"done_when"`
	DoneWhenAmount optional[float64] `json:"done_when_amount"`
	DoneWhenMet    metInput          `json:"done_when_met"`
	SmallestStep   *string           `json:"smallest_step"`
	ParentID       optional[int64]   `json:"parent_id"`
	Milestones     *[]float64        `json:"milestones"`
	Start          *stride.Date      `json:"start"`
	State          *stride.GoalState `json:"state"`
	Target         *targetInput      `json:"target"`
	TargetFrom     *stride.Date      `json:"target_from"`
}

func (s *Server) handleGoalUpdate() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[goalUpdateRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		ctx := r.Context()
		g, err := s.svc.Goals.FindGoalByID(ctx, id)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		// Check every part before writing any.
		upd := stride.GoalUpdate{
			Name: req.Name, Why: req.Why, DoneWhen: req.DoneWhen, SmallestStep: req.SmallestStep,
			Milestones: req.Milestones, Start: req.Start, DoneWhenMet: req.DoneWhenMet.update(s.today(ctx)),
		}
		if req.DoneWhenAmount.Set {
			upd.DoneWhenAmount = &req.DoneWhenAmount.Value
		}
		if req.ParentID.Set {
			upd.ParentID = &req.ParentID.Value
		}
		if req.Name != nil {
			if err := stride.ValidateGoalName(*req.Name); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		var target *stride.Target
		if req.Target != nil {
			from := s.today(ctx)
			if req.TargetFrom != nil {
				from = *req.TargetFrom
			}
			t, _, err := req.Target.resolve(g.Unit, from)
			if err != nil {
				s.apiError(w, r, err)
				return
			}
			target = &t
		} else if req.TargetFrom != nil {
			s.apiError(w, r, stride.Errorf(stride.EINVALID, `"target_from" needs a "target"`))
			return
		}
		if req.State != nil {
			switch *req.State {
			case stride.GoalActive, stride.GoalDone, stride.GoalArchived:
			default:
				s.apiError(w, r, stride.Errorf(stride.EINVALID, `state %q cannot be set here: use "active", "done" or "archived" (pause with POST /api/v1/goals/%d/pause)`, *req.State, id))
				return
			}
		}
		upd.Target, upd.State = target, req.State
		if upd != (stride.GoalUpdate{}) {
			// One write: every change of the request, or none.
			if g, err = s.svc.Goals.UpdateGoal(ctx, id, upd); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		encode(w, http.StatusOK, apiGoal(g, s.today(r.Context())))
	})
}

func (s *Server) handleGoalDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err == nil {
			err = s.svc.Goals.DeleteGoal(r.Context(), id)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

type pauseRequest struct {
	From  *stride.Date `json:"from"`
	Until *stride.Date `json:"until"`
}

func (s *Server) handleGoalPause() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[pauseRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		from := s.today(r.Context())
		if req.From != nil {
			from = *req.From
		}
		g, err := s.svc.Goals.PauseGoal(r.Context(), id, from, req.Until)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, apiGoal(g, s.today(r.Context())))
	})
}

type resumeRequest struct {
	Date *stride.Date `json:"date"`
}

func (s *Server) handleGoalResume() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "goal")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		req, err := decode[resumeRequest](w, r)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		day := s.today(r.Context())
		if req.Date != nil {
			day = *req.Date
		}
		g, err := s.svc.Goals.ResumeGoal(r.Context(), id, day)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		encode(w, http.StatusOK, apiGoal(g, s.today(r.Context())))
	})
}

// goalAndDate reads the {id} and {date} of a skip route.
func goalAndDate(r *http.Request) (int64, stride.Date, error) {
	id, err := pathID(r, "goal")
	if err != nil {
		return 0, 0, err
	}
	var d stride.Date
	if err := d.UnmarshalText([]byte(r.PathValue("date"))); err != nil {
		return 0, 0, err
	}
	return id, d, nil
}

func (s *Server) handleSkip() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, day, err := goalAndDate(r)
		if err == nil {
			err = s.svc.Goals.SkipDay(r.Context(), id, day)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func (s *Server) handleUnskip() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, day, err := goalAndDate(r)
		if err == nil {
			err = s.svc.Goals.UnskipDay(r.Context(), id, day)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
