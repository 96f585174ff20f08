// CCMT: the product's name and what it is for, on each webapp's login page and on the welcome
// page, as webapp plugins (the documented plugin points "<app>.login" and "welcome.dashboard").
// Each webapp loads this one module through its config.js `customScripts` and uses only the
// plugins of its own points. Text is set with textContent: nothing here is read as HTML.
const PRODUCT = 'CCMT Release Manager';
const DESCRIPTION =
  'The weekly release of the market-wide systems: what goes in, how it is tested, ' +
  'when it is deployed, and what each participant organisation is asked to do.';

const AREAS = {
  tasklist: 'Tasks: the decisions and answers waiting for you',
  cockpit: 'Operations: running releases, timers and incidents',
  admin: 'Administration: users, groups and their access',
  welcome: 'Home'
};

function product(node, area) {
  const box = document.createElement('div');
  box.className = 'ccmt-product';
  const name = document.createElement('h1');
  name.className = 'ccmt-product-name';
  name.textContent = PRODUCT;
  const about = document.createElement('p');
  about.className = 'ccmt-product-description';
  about.textContent = DESCRIPTION;
  box.appendChild(name);
  box.appendChild(about);
  if (area) {
    const where = document.createElement('p');
    where.className = 'ccmt-product-area';
    where.textContent = area;
    box.appendChild(where);
  }
  node.appendChild(box);
}

export default [
  ...Object.keys(AREAS).map(app => ({
    id: 'ccmt-product-' + app + '-login',
    pluginPoint: app + '.login',
    // above the login form
    priority: 1000,
    render: node => product(node, app === 'welcome' ? null : AREAS[app])
  })),
  {
    id: 'ccmt-product-welcome',
    pluginPoint: 'welcome.dashboard',
    priority: 1000,
    render: node => product(node, null)
  }
];
