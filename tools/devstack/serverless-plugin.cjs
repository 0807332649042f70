'use strict';
// Placeholder replaced by the devstack plugin (creates tables and buckets on `offline start`).
class ParleyDevstackPlugin {
  constructor() {
    this.hooks = {};
  }
}
module.exports = ParleyDevstackPlugin;
