// Starts Swagger UI on the schema named by the page (no inline script, no CDN).
(function () {
  var element = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: element.dataset.schemaUrl, domNode: element, deepLinking: true });
})();
