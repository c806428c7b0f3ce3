export function App() {
  return (
    <main>
      <h1>netpol-designer</h1>
      <p>A visual designer for Kubernetes NetworkPolicy.</p>
    </main>
  );
}
