import RequestDetail from './requests/Detail';
import RequestQueue from './requests/Queue';

/** Rights requests: the queue (`/console/requests`) and one request (`/console/requests/<id>`). */
export default function Requests({ path }: { path: string[] }) {
  return path[0] ? <RequestDetail id={path[0]} /> : <RequestQueue />;
}
