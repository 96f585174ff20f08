// CCMT: the product's name in the header and the page title (shown as "<vendor> <name>"), and
// its name and purpose on the login page (../ccmt/brand.js). Every other setting keeps
// Camunda's default.
export default {
  app: {
    vendor: 'CCMT Release Manager ·',
    name: 'Home'
  },
  customScripts: ['../ccmt/brand']
};
