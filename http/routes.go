package http

import (
	"net/http"
)

// access says who may reach a route and how they prove it.
type access int

const (
	// public routes need no credential: health, metrics, assets, the
	// OpenAPI document.
	public access = iota
	// apiPublic is an /api/v1 route without a token (sign-in).
	apiPublic
	// api routes take a bearer token; a read-only token may only read.
	api
	// anyPage routes are HTML for anyone; unsafe methods are checked
	// against cross-origin requests.
	anyPage
	// userPage routes are HTML for a signed-in browser; others are sent
	// to /login.
	userPage
)

// route is one entry of the route table: the tests walk it to check the
// OpenAPI document and the authorization matrix.
type route struct {
	method  string
	pattern string
	access  access
	handler http.Handler
}

// routes lists every route of the server.
func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", public, handleHealthz()},
		{"GET", "/readyz", public, s.handleReadyz()},
		{"GET", "/metrics", public, s.metrics.handler()},
		{"GET", "/assets/", public, handleAssets()},

		{"GET", "/api/v1/openapi.json", public, handleOpenAPI()},
		{"POST", "/api/v1/login", apiPublic, s.handleAPILogin()},
		{"GET", "/api/v1/me", api, handleMe()},
		{"GET", "/api/v1/goals", api, s.handleGoalList()},
		{"POST", "/api/v1/goals", api, s.handleGoalCreate()},
		{"GET", "/api/v1/goals/{id}", api, s.handleGoalGet()},
		{"PATCH", "/api/v1/goals/{id}", api, s.handleGoalUpdate()},
		{"DELETE", "/api/v1/goals/{id}", api, s.handleGoalDelete()},
		{"POST", "/api/v1/goals/{id}/pause", api, s.handleGoalPause()},
		{"POST", "/api/v1/goals/{id}/resume", api, s.handleGoalResume()},
		{"PUT", "/api/v1/goals/{id}/skips/{date}", api, s.handleSkip()},
		{"DELETE", "/api/v1/goals/{id}/skips/{date}", api, s.handleUnskip()},
		{"GET", "/api/v1/goals/{id}/status", api, s.handleGoalStatus()},
		{"GET", "/api/v1/goals/{id}/history", api, s.handleGoalHistory()},
		{"GET", "/api/v1/status", api, s.handleStatus()},
		{"GET", "/api/v1/steps", api, s.handleStepList()},
		{"POST", "/api/v1/steps", api, s.handleStepCreate()},
		{"POST", "/api/v1/steps/batch", api, s.handleStepBatch()},
		{"GET", "/api/v1/steps/{id}", api, s.handleStepGet()},
		{"PATCH", "/api/v1/steps/{id}", api, s.handleStepUpdate()},
		{"DELETE", "/api/v1/steps/{id}", api, s.handleStepDelete()},
		{"GET", "/api/v1/tokens", api, s.handleTokenList()},
		{"POST", "/api/v1/tokens", api, s.handleTokenCreate()},
		{"DELETE", "/api/v1/tokens/current", api, s.handleTokenDeleteCurrent()},
		{"DELETE", "/api/v1/tokens/{id}", api, s.handleTokenDelete()},
		// The reflection records (issue 4).
		{"GET", "/api/v1/goals/{id}/how-far", api, s.handleGoalHowFar()},
		{"GET", "/api/v1/lessons", api, s.handleLessonList()},
		{"POST", "/api/v1/lessons", api, s.handleLessonCreate()},
		{"GET", "/api/v1/lessons/themes", api, s.handleLessonThemes()},
		{"GET", "/api/v1/lessons/{id}", api, s.handleLessonGet()},
		{"PATCH", "/api/v1/lessons/{id}", api, s.handleLessonUpdate()},
		{"DELETE", "/api/v1/lessons/{id}", api, s.handleLessonDelete()},
		{"GET", "/api/v1/doubts", api, s.handleDoubtList()},
		{"POST", "/api/v1/doubts", api, s.handleDoubtCreate()},
		{"GET", "/api/v1/doubts/{id}", api, s.handleDoubtGet()},
		{"PATCH", "/api/v1/doubts/{id}", api, s.handleDoubtUpdate()},
		{"DELETE", "/api/v1/doubts/{id}", api, s.handleDoubtDelete()},
		{"POST", "/api/v1/doubts/{id}/revisits", api, s.handleDoubtRevisit()},
		{"GET", "/api/v1/focus", api, s.handleFocusList()},
		{"POST", "/api/v1/focus", api, s.handleFocusSet()},
		{"GET", "/api/v1/focus/{date}", api, s.handleFocusGet()},
		{"PATCH", "/api/v1/focus/{date}", api, s.handleFocusUpdate()},
		{"DELETE", "/api/v1/focus/{date}", api, s.handleFocusDelete()},
		{"GET", "/api/v1/works", api, s.handleWorkList()},
		{"POST", "/api/v1/works", api, s.handleWorkCreate()},
		{"GET", "/api/v1/works/iterations", api, s.handleIterationsBetween()},
		{"GET", "/api/v1/works/{id}", api, s.handleWorkGet()},
		{"PATCH", "/api/v1/works/{id}", api, s.handleWorkUpdate()},
		{"DELETE", "/api/v1/works/{id}", api, s.handleWorkDelete()},
		{"GET", "/api/v1/works/{id}/iterations", api, s.handleIterationList()},
		{"POST", "/api/v1/works/{id}/iterations", api, s.handleIterationCreate()},
		{"GET", "/api/v1/wins", api, s.handleWinList()},
		{"GET", "/api/v1/reviews", api, s.handleReviewList()},
		{"POST", "/api/v1/reviews", api, s.handleReviewSave()},
		{"GET", "/api/v1/reviews/summary", api, s.handleReviewSummary()},
		{"GET", "/api/v1/reviews/{week}", api, s.handleReviewGet()},
		{"DELETE", "/api/v1/reviews/{week}", api, s.handleReviewDelete()},
		// Backups and exports (issue 5; docs/formats.md).
		{"GET", "/api/v1/export.json", api, s.handleExportJSON()},
		{"GET", "/api/v1/export.csv", api, s.handleExportCSV()},
		{"POST", "/api/v1/import", api, s.handleImport()},
		{"", "/api/", public, handleAPINotFound()},

		{"GET", "/{$}", userPage, s.handleBoard()},
		{"POST", "/goals/{id}/steps", userPage, s.handleStepLog()},
		{"GET", "/goals", userPage, s.handleGoals()},
		{"GET", "/goals/new", userPage, s.handleGoalNewPage()},
		{"POST", "/goals/new", userPage, s.handleGoalNew()},
		{"GET", "/goals/{id}", userPage, s.handleGoalPage()},
		{"GET", "/goals/{id}/steps", userPage, s.handleGoalStepsPage()},
		{"GET", "/goals/{id}/edit", userPage, s.handleGoalEditPage()},
		{"POST", "/goals/{id}/edit", userPage, s.handleGoalEdit()},
		{"POST", "/goals/{id}/pause", userPage, s.handleGoalPausePage()},
		{"POST", "/goals/{id}/resume", userPage, s.handleGoalResumePage()},
		{"POST", "/goals/{id}/skip", userPage, s.handleGoalSkipPage()},
		{"POST", "/goals/{id}/done", userPage, s.handleGoalDonePage()},
		{"POST", "/goals/{id}/archive", userPage, s.handleGoalArchivePage()},
		{"POST", "/goals/{id}/delete", userPage, s.handleGoalDeletePage()},
		{"GET", "/steps/{id}/edit", userPage, s.handleStepEditPage()},
		{"POST", "/steps/{id}/edit", userPage, s.handleStepEdit()},
		{"POST", "/steps/{id}/delete", userPage, s.handleStepDeletePage()},
		{"GET", "/settings", userPage, s.handleSettingsPage()},
		{"POST", "/settings", userPage, s.handleSettings()},
		{"POST", "/settings/password", userPage, s.handlePassword()},
		{"POST", "/settings/sessions/{id}/delete", userPage, s.handleSessionDelete()},
		{"POST", "/settings/invites", userPage, s.handleInviteNew()},
		{"POST", "/settings/invites/{id}/revoke", userPage, s.handleInviteRevoke()},
		{"GET", "/tokens", userPage, s.handleTokensPage()},
		{"POST", "/tokens", userPage, s.handleTokenNew()},
		{"POST", "/tokens/{id}/revoke", userPage, s.handleTokenRevoke()},
		// The reflection pages (issue 4; docs/web.md).
		{"POST", "/goals/{id}/met", userPage, s.handleGoalMetPage()},
		{"GET", "/lessons", userPage, s.handleLessonsPage()},
		{"GET", "/lessons/new", userPage, s.handleLessonNewPage()},
		{"POST", "/lessons/new", userPage, s.handleLessonNew()},
		{"GET", "/lessons/{id}", userPage, s.handleLessonPage()},
		{"GET", "/lessons/{id}/edit", userPage, s.handleLessonEditPage()},
		{"POST", "/lessons/{id}/edit", userPage, s.handleLessonEdit()},
		{"POST", "/lessons/{id}/delete", userPage, s.handleLessonDeletePage()},
		{"GET", "/doubts", userPage, s.handleDoubtsPage()},
		{"GET", "/doubts/new", userPage, s.handleDoubtNewPage()},
		{"POST", "/doubts/new", userPage, s.handleDoubtNew()},
		{"GET", "/doubts/{id}", userPage, s.handleDoubtPage()},
		{"GET", "/doubts/{id}/edit", userPage, s.handleDoubtEditPage()},
		{"POST", "/doubts/{id}/edit", userPage, s.handleDoubtEdit()},
		{"POST", "/doubts/{id}/revisit", userPage, s.handleDoubtRevisitPage()},
		{"POST", "/doubts/{id}/delete", userPage, s.handleDoubtDeletePage()},
		{"GET", "/focus", userPage, s.handleFocusPage()},
		{"POST", "/focus", userPage, s.handleFocusSetPage()},
		{"POST", "/focus/{id}/done", userPage, s.handleFocusDonePage()},
		{"POST", "/focus/{id}/carry", userPage, s.handleFocusCarryPage()},
		{"POST", "/focus/{id}/delete", userPage, s.handleFocusDeletePage()},
		{"GET", "/works", userPage, s.handleWorksPage()},
		{"GET", "/works/new", userPage, s.handleWorkNewPage()},
		{"POST", "/works/new", userPage, s.handleWorkNew()},
		{"GET", "/works/{id}", userPage, s.handleWorkPage()},
		{"GET", "/works/{id}/edit", userPage, s.handleWorkEditPage()},
		{"POST", "/works/{id}/edit", userPage, s.handleWorkEdit()},
		{"POST", "/works/{id}/iterate", userPage, s.handleWorkIteratePage()},
		{"POST", "/works/{id}/ship", userPage, s.handleWorkShipPage()},
		{"POST", "/works/{id}/met", userPage, s.handleWorkMetPage()},
		{"POST", "/works/{id}/delete", userPage, s.handleWorkDeletePage()},
		{"GET", "/wins", userPage, s.handleWinsPage()},
		{"GET", "/review", userPage, s.handleReviewPage()},
		{"POST", "/review", userPage, s.handleReviewSavePage()},
		{"GET", "/reviews", userPage, s.handleReviewsPage()},
		{"GET", "/reviews/{week}", userPage, s.handlePastReviewPage()},
		{"POST", "/reviews/{week}/delete", userPage, s.handleReviewDeletePage()},
		{"GET", "/data", userPage, s.handleDataPage()},
		{"GET", "/data/export.json", userPage, s.handleDataExport("json")},
		{"GET", "/data/export.csv", userPage, s.handleDataExport("csv")},
		{"GET", "/data/journal.md", userPage, s.handleDataExport("markdown")},
		{"POST", "/data/import", userPage, s.handleDataImport()},
		{"GET", "/login", anyPage, s.handleLoginPage()},
		{"POST", "/login", anyPage, s.handleLogin()},
		{"POST", "/logout", anyPage, s.handleLogout()},
		{"POST", "/logout/everywhere", userPage, s.handleLogoutEverywhere()},
		{"GET", "/setup/{token}", anyPage, s.handleSetupPage()},
		{"POST", "/setup/{token}", anyPage, s.handleSetup()},
		{"GET", "/register", anyPage, s.handleRegisterPage()},
		{"POST", "/register", anyPage, s.handleRegister()},
		{"GET", "/invite/{token}", anyPage, s.handleInvitePage()},
		{"POST", "/invite/{token}", anyPage, s.handleInvite()},
	}
}

// wrap adds to a route's handler what its access needs.
func (s *Server) wrap(rt route) http.Handler {
	switch rt.access {
	case api:
		return s.requireToken(rt.handler)
	case anyPage:
		return s.crossOrigin(s.loadSession(rt.handler))
	case userPage:
		return s.crossOrigin(s.loadSession(requireSession(rt.handler)))
	}
	return rt.handler
}
