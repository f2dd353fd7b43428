// Replaced by the database template setup once the platform/db layer lands.
export default function setup(): void {}
