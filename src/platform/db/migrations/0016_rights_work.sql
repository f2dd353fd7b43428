-- Rights requests, the handlers' work (issue 5, console side): tasks done by hand are assigned to a
-- handler and closed with a note; a deletion under the CCPA opens one notice task per service provider,
-- contractor and third party in the register (Cal. Civ. Code §1798.105(c)(1)).

ALTER TABLE rights_tasks DROP CONSTRAINT rights_tasks_kind_check;
ALTER TABLE rights_tasks ADD CONSTRAINT rights_tasks_kind_check
  CHECK (kind IN ('manual', 'route_to_controller', 'engine', 'recipient_notice'));

-- What the handler did (free text, no personal data by convention) and who closed the task.
ALTER TABLE rights_tasks ADD COLUMN note text;
ALTER TABLE rights_tasks ADD COLUMN done_by text;

-- "My tasks": open tasks per handler.
CREATE INDEX rights_tasks_assignee_idx ON rights_tasks (assignee, status);
CREATE INDEX rights_requests_assignee_idx ON rights_requests (assignee);
